"""The bench's tables say what was measured: the ratio is ours over the bare calls, and a process that spent
no CPU is left out of the row."""

from bench.processes import FileRow, Measured, files_table


def test_a_file_row_shows_its_ratio_and_the_cpu_of_each_busy_process() -> None:
    row = FileRow(
        "a statement",
        Measured(9_000.0, {"temporal": 4.8, "worker": 8.4, "api": 1.0, "bare": 0.0}),
        Measured(3_000.0, {"temporal": 3.3, "worker": 0.0, "api": 0.0, "bare": 2.0}),
    )
    line = files_table([row]).splitlines()[-1]
    assert line == "| a statement | 9.0 s | 3.0 s | 3.0x | temporal 4.8, worker 8.4, api 1.0 | temporal 3.3, bare 2.0 |"
