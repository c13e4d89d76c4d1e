"""Progress: a tqdm bar on a terminal, plain lines in a log."""

import io
from pathlib import Path

from data_prep.progress import LogProgress, TerminalProgress, progress_for


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(progress, total):
    for number in range(1, total + 1):
        progress(number, total, Path(f"article-{number}.txt"))


def test_a_log_gets_a_plain_line_per_tenth_of_the_way_and_no_carriage_returns():
    log = io.StringIO()
    run(progress_for(log), 100)
    lines = log.getvalue().splitlines()
    assert isinstance(progress_for(io.StringIO()), LogProgress)
    assert lines[0] == "read 1/100 article-1.txt" and lines[-1] == "read 100/100 article-100.txt"
    assert len(lines) == 11 and "\r" not in log.getvalue()


def test_a_short_run_in_a_log_lists_every_file():
    log = io.StringIO()
    run(progress_for(log), 3)
    assert log.getvalue().splitlines() == [f"read {n}/3 article-{n}.txt" for n in (1, 2, 3)]


def test_a_terminal_gets_a_tqdm_bar_that_ends_complete():
    terminal = Terminal()
    progress = progress_for(terminal)
    assert isinstance(progress, TerminalProgress)
    run(progress, 5)
    shown = terminal.getvalue()
    assert "articles" in shown and "5/5" in shown and "\r" in shown
