"""python3 -m reqlanes_trace [-m module | script.py] ARGS...: the program, traced."""

import os
import runpy
import sys

USAGE = """usage: python3 -m reqlanes_trace script.py [ARGS...]
       python3 -m reqlanes_trace -m module [ARGS...]

Runs the program unchanged and sends its client-side events (asyncio tasks and semaphores,
aiohttp, requests/urllib3, threads, processes) to the reqlanes server it talks to. The exit
status is the program's. REQLANES_TRACE_URL names the server when reqlanes did not start the
program and its first response cannot say so."""


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    import reqlanes_trace

    if argv[0] == "-m":
        if len(argv) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        sys.argv = argv[1:]
        reqlanes_trace.start()
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        return 0
    script = argv[0]
    if not os.path.isfile(script):
        print(f"reqlanes_trace: {script}: no such file", file=sys.stderr)
        return 2
    sys.argv = list(argv)
    # As `python3 script.py` would: the script's folder first on the import path.
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    reqlanes_trace.start()
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
