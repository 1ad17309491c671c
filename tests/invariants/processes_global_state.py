"""Invariants for the chapter "Global state is not shared".

Every snippet of docs/processes/global_state.md prints the same output on every
run, so none of them needs an invariant; this module is kept for symmetry.
"""
