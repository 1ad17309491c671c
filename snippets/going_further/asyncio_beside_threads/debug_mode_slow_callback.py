"""asyncio's debug mode names the coroutine that blocked the loop."""

import asyncio
import logging
import os
import sys
import time


async def handler():
    time.sleep(0.15)  # the mistake: a blocking call inside a coroutine


async def main():
    loop = asyncio.get_running_loop()
    loop.slow_callback_duration = 0.1  # seconds (0.1 is also the default)
    await asyncio.create_task(handler(), name="handler")


class ShortPaths(logging.Filter):
    """Show file names without their folders, to keep the lines short."""

    def filter(self, record):
        message = record.getMessage()
        for folder in {os.path.dirname(p) for p in (__file__, asyncio.__file__)}:
            message = message.replace(folder + os.sep, "")
        record.msg, record.args = message, ()
        return True


if __name__ == "__main__":
    # asyncio reports through the "asyncio" logger, which writes to stderr by
    # default; here its records go to stdout, one per line.
    handler_out = logging.StreamHandler(sys.stdout)
    handler_out.addFilter(ShortPaths())
    handler_out.setFormatter(logging.Formatter("%(name)s %(levelname)s: %(message)s"))
    logging.getLogger("asyncio").addHandler(handler_out)
    asyncio.run(main(), debug=True)  # or PYTHONASYNCIODEBUG=1, or python -X dev
