"""A non-editable install carries the rulebook and the place data with it.

The package is built and installed (not linked) into a fresh virtual environment;
its dependencies come from the test environment through a .pth file, so the
test needs no network.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys

from tests.conftest import ROOT, SEED


def test_installed_package_audits_the_seed_from_anywhere(tmp_path):
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True, timeout=120)
    python = fresh / "bin" / "python"
    fresh_site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = [p for p in site.getsitepackages() if "site-packages" in p]
    with open(f"{fresh_site}/test-deps.pth", "w") as handle:
        handle.write("\n".join(deps) + "\n")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    shutil.rmtree(ROOT / "build", ignore_errors=True)

    report = tmp_path / "work" / "seed.txt"
    report.parent.mkdir()
    shutil.copy(SEED, report)
    where = subprocess.run(
        [python, "-c", "import pipeline, rules, pipeline.data; print(pipeline.__file__)"],
        cwd=report.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(fresh_site)

    def gongkai(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([fresh / "bin" / "gongkai", *args], cwd=report.parent, capture_output=True, text=True,
                              timeout=120)  # fmt: skip

    result = gongkai("check", "seed.txt", "-f", "concise")
    assert result.returncode == 1, result.stderr
    assert "seed.txt:62:11: PL101 [error]" in result.stdout
    assert result.stdout.count("[error]") == 3
    page = gongkai("check", "seed.txt", "-o", "seed.html")  # the HTML page's style and script are package data too
    assert page.returncode == 1, page.stderr
    written = (report.parent / "seed.html").read_text(encoding="utf-8")
    assert "scrollIntoView" in written and "mark.flash" in written
    summary = gongkai("check", "seed.txt", "--no-color")  # the catalog is package data too: Chinese when installed
    assert "错误 3 · 警告 9 · 提示 1" in summary.stdout
