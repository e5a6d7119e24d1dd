# QLP's warm pytest zygote. It runs inside the sandbox's confinement (own network and PID namespaces, where it is
# process 1, resource limits, clean environment), imports pytest once, and for each capsule forks a child that checks
# the syntax of the capsule's files and then runs pytest on them. Capsule code only ever runs in that child, never
# here; every capsule gets a fresh fork, so nothing it imports or changes reaches the next one. After each child the
# zygote kills every other process of its namespace, so nothing a capsule started survives it.
#
# Protocol (one line each, fields separated by spaces, texts base64url without padding):
#   host -> zygote: RUN <nonce> <capsule dir> <run dir> <cpu seconds> <autoload 0|1> <files joined by newlines>
#   zygote -> host: <nonce> READY                       once, after start-up (the nonce is the first stdin line)
#                   <nonce> SYNTAX <findings>           findings: lines of path TAB line TAB column TAB message,
#                                                       then END when the check finished
#                   <nonce> DONE <exit status> <strays> exit status as a shell gives it (128 + signal when killed)
#                   <nonce> FAILED <message>            the zygote could not run the capsule
import base64
import gc
import importlib
import os
import resource
import signal
import sys
import time


def decode(field):
    return base64.urlsafe_b64decode(field + "=" * (-len(field) % 4)).decode("utf-8")


def encode(text):
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def say(nonce, *fields):
    sys.stdout.write(" ".join((nonce,) + fields) + "\n")
    sys.stdout.flush()


def clean(text):
    return " ".join(str(text).split())


def warm_up():
    import pytest
    import _pytest.config
    for name in _pytest.config.default_plugins:
        try:
            importlib.import_module("_pytest." + name)
        except ImportError:
            pass  # a plugin this pytest version names but does not ship; pytest skips it too
    import _pytest.assertion.rewrite  # noqa: F401
    import _pytest.junitxml  # noqa: F401
    import atexit  # noqa: F401
    import tempfile  # noqa: F401
    import threading  # noqa: F401
    import traceback  # noqa: F401
    import unittest  # noqa: F401
    import xml.etree.ElementTree  # noqa: F401
    # Objects alive now are never collected: the children's garbage collections skip them (and their pages stay
    # shared with the zygote instead of being copied).
    gc.collect()
    gc.freeze()


def refuse_outside_namespace():
    # Killing leftovers with kill(-1) is only safe as process 1 of a PID namespace of our own.
    if os.getpid() != 1:
        sys.stderr.write("the zygote must run as process 1 of its own PID namespace; it runs as "
                         + str(os.getpid()) + "\n")
        sys.exit(3)


def protect_self():
    # A capsule's processes may run as the zygote's user: they must not attach to it, read its memory or interrupt it.
    try:
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)


def check_syntax(files):
    lines = []
    for path in files:
        try:
            with open(path, "rb") as handle:
                source = handle.read()
            compile(source, path, "exec", 0x400, dont_inherit=True)  # 0x400 is ast.PyCF_ONLY_AST
        except SyntaxError as error:
            lines.append("\t".join((path, str(error.lineno or 0), str(error.offset or 0),
                                    clean(type(error).__name__ + ": " + str(error.msg)))))
        except (ValueError, UnicodeDecodeError, RecursionError, MemoryError) as error:
            lines.append("\t".join((path, "0", "0", clean(type(error).__name__ + ": " + str(error)))))
    return lines


def child(capsule, run, cpu_seconds, autoload, files, syntax_pipe):
    code = 70
    try:
        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # Nothing of the zygote's pipes stays open in the capsule's process.
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(os.path.join(run, "stdout.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(os.path.join(run, "stderr.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        keep = {0, 1, 2, syntax_pipe}
        os.closerange(3, syntax_pipe)
        os.closerange(syntax_pipe + 1, 65536)
        for fd in (null, out, err):
            if fd not in keep:
                try:
                    os.close(fd)
                except OSError:
                    pass
        sys.stdin = open(os.devnull)
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        limit = cpu_seconds if hard == resource.RLIM_INFINITY else min(cpu_seconds, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))
        os.chdir(capsule)
        tmp = os.path.join(run, "tmp")
        os.makedirs(tmp, exist_ok=True)
        os.environ["HOME"] = capsule
        os.environ["TMPDIR"] = tmp
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        os.environ["PYTHONIOENCODING"] = "utf-8"
        if autoload:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        import tempfile
        tempfile.tempdir = None
        sys.dont_write_bytecode = True

        findings = check_syntax(files)
        os.write(syntax_pipe, ("\n".join(findings + ["END"]) + "\n").encode("utf-8"))
        os.close(syntax_pipe)
        if findings:
            os._exit(0)

        # As `python -m pytest` run in the capsule folder: the folder comes first on the import path.
        sys.path.insert(0, capsule)
        report = os.path.join(run, "pytest-junit.xml")
        sys.argv = ["pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1",
                    "--junitxml=" + report, "--color=no"]
        import pytest
        code = pytest.console_main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        import traceback
        traceback.print_exc()
        code = 70
    finally:
        finish(code)


def finish(code):
    # What a normal interpreter exit does: wait for non-daemon threads, run exit handlers, flush; then leave without
    # unwinding into the zygote's loop.
    try:
        import threading
        threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit
        atexit._run_exitfuncs()
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(code if isinstance(code, int) and 0 <= code < 256 else 1)


def read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def other_processes():
    return [int(name) for name in os.listdir("/proc") if name.isdigit() and int(name) != 1]


def kill_strays():
    """Kills every process of the namespace but this one; returns how many there were."""
    found = set(other_processes())
    for _ in range(50):
        if not other_processes():
            break
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.002)
            else:
                found.add(pid)
    else:
        sys.exit(4)  # something keeps forking; the host replaces this zygote
    return len(found)


def serve(nonce_reader):
    while True:
        line = nonce_reader.readline()
        if not line:
            return
        fields = line.split()
        if len(fields) != 7 or fields[0] != "RUN":
            continue
        nonce = fields[1]
        try:
            capsule, run = decode(fields[2]), decode(fields[3])
            cpu_seconds, autoload = int(fields[4]), fields[5] == "1"
            files = [f for f in decode(fields[6]).split("\n") if f]
            read_end, write_end = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
        except (OSError, ValueError) as error:
            say(nonce, "FAILED", encode(type(error).__name__ + ": " + str(error)))
            continue
        if pid == 0:
            os.close(read_end)
            child(capsule, run, cpu_seconds, autoload, files, write_end)
        os.close(write_end)
        syntax = read_all(read_end).decode("utf-8", "replace")
        os.close(read_end)
        say(nonce, "SYNTAX", encode(syntax))
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        strays = kill_strays()
        say(nonce, "DONE", str(code if code >= 0 else 128 - code), str(strays))


def main():
    refuse_outside_namespace()
    protect_self()
    warm_up()
    start_nonce = sys.stdin.readline().strip()
    say(start_nonce, "READY")
    serve(sys.stdin)


main()
