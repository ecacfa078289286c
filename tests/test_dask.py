"""--executor dask: the same audit on a Dask cluster (a local one here) gives the same output."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from tests.conftest import ROOT


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


def test_a_dask_cluster_gives_the_local_result(tmp_path, capsys):
    local, dask = tmp_path / "local.json", tmp_path / "dask.json"
    folder = str(ROOT / "samples")
    code_local, _, _ = run(capsys, "check", folder, "-j", "2", "-o", str(local))
    code_dask, _, _ = run(capsys, "check", folder, "-j", "2", "--executor", "dask", "-o", str(dask))
    assert code_local == code_dask == 1
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_an_unreachable_scheduler_is_one_line_and_exit_2(capsys):
    code, _, err = run(capsys, "check", str(ROOT / "samples" / "kunyang-2022.txt"), "--executor", "dask",
                       "--scheduler", "tcp://127.0.0.1:9")  # fmt: skip
    assert code == 2 and "连不上 Dask 调度器 tcp://127.0.0.1:9" in err
