"""The start methods this interpreter offers; the first one is its default."""

import multiprocessing

if __name__ == "__main__":
    methods = multiprocessing.get_all_start_methods()
    print("available:", ", ".join(methods))
    print("default when a program does not choose:", methods[0])
