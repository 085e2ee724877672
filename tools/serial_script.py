# SPDX-License-Identifier: GPL-2.0-only
"""Typing on a QEMU guest's serial port from a test: the one way to do it.

A serial script is a list of steps, run in order:

  wait: REGEX   wait until REGEX (Python, re.MULTILINE) matches the serial
                output after the end of the previous wait's match
  send: TEXT    write TEXT to the serial input; backslash escapes as in
                Python strings (\\r, \\n, \\t, \\\\, \\xNN, ...); leading and
                trailing spaces are kept only when escaped (\\x20)

Boot tests write these as `wait:`/`send:` keys (tests/boot/README.md), a
guest test kernel as tests/guest/<name>/serial-input, tools/run-qemu takes
them as --wait/--send options.

QEMU then runs with `-serial stdio`: its standard output is the serial log
file and its standard input a pipe the feeder writes to. QEMU's 16550 takes
input only as fast as the guest empties its FIFO, so a long send is never
lost on QEMU's side. The feeder polls the log file, whose CR/LF pairs are
read as LF.
"""
import codecs
import re
import threading

POLL_SECONDS = 0.05


class ScriptError(Exception):
    pass


def parse_step(key, value):
    """One step ("wait", compiled regex) or ("send", bytes)."""
    if key == "wait":
        try:
            return ("wait", re.compile(value, re.M))
        except re.error as e:
            raise ScriptError("wait: bad regex %r: %s" % (value, e))
    if key == "send":
        try:
            data = codecs.decode(value, "unicode_escape").encode("latin-1")
        except UnicodeError as e:
            raise ScriptError("send: bad escape or character in %r: %s"
                              % (value, e))
        if not data:
            raise ScriptError("send: nothing to send")
        return ("send", data)
    raise ScriptError("unknown serial script key %r" % key)


def parse_lines(lines, where="script"):
    """Steps from `wait:`/`send:` lines; blank lines and # comments skipped."""
    steps = []
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(wait|send)\s*:\s?(.*)$", line)
        if not m:
            raise ScriptError("%s line %d: not 'wait: REGEX' or 'send: TEXT':"
                              " %r" % (where, n, raw))
        try:
            steps.append(parse_step(m.group(1), m.group(2).strip()))
        except ScriptError as e:
            raise ScriptError("%s line %d: %s" % (where, n, e))
    return steps


def parse_file(path):
    with open(path, encoding="utf-8") as f:
        return parse_lines(f.read().splitlines(), path)


def describe(step):
    kind, value = step
    return ("wait: " + value.pattern if kind == "wait"
            else "send: " + value.decode("latin-1").encode(
                "unicode_escape").decode("ascii"))


class Feeder(threading.Thread):
    """Runs steps against a growing log file, writing sends to a pipe.

    stop() ends it early (QEMU gone). Afterwards, `pending` is the step it
    was still waiting on (None when the script ran to its end), for failure
    messages.
    """

    def __init__(self, steps, log_path, sink):
        super().__init__(daemon=True)
        self.steps = steps
        self.log_path = log_path
        self.sink = sink
        self.pending = steps[0] if steps else None
        self._stop_event = threading.Event()

    def stop(self):
        self._stop_event.set()

    def _read_log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace").replace("\r\n",
                                                                   "\n")
        except FileNotFoundError:
            return ""

    def run(self):
        pos = 0
        for step in self.steps:
            self.pending = step
            kind, value = step
            if kind == "send":
                try:
                    self.sink.write(value)
                    self.sink.flush()
                except (BrokenPipeError, ValueError, OSError):
                    return              # QEMU has gone.
                continue
            while True:
                m = value.search(self._read_log(), pos)
                if m:
                    pos = m.end()
                    break
                if self._stop_event.wait(POLL_SECONDS):
                    return
        self.pending = None


def start(steps, log_path, sink):
    """Start a Feeder thread for steps (none: returns None)."""
    if not steps:
        return None
    feeder = Feeder(steps, log_path, sink)
    feeder.start()
    return feeder


def finish(feeder, timeout=1.0):
    """Stop a feeder from start(); returns a note on an unfinished script."""
    if feeder is None:
        return ""
    feeder.stop()
    feeder.join(timeout)
    if feeder.pending is None:
        return ""
    return "serial input stopped at step '%s'" % describe(feeder.pending)


if __name__ == "__main__":
    # Check scripts: python3 tools/serial_script.py FILE... lists the steps.
    import sys
    for path in sys.argv[1:]:
        for s in parse_file(path):
            print(describe(s))
