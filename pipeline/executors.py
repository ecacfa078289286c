"""Where the audits run: worker processes on this machine (pipeline/batch.py), or a Dask cluster.

`--executor dask` sends each file to a Dask cluster (`--scheduler ADDRESS`, or a local
cluster of `--jobs` worker processes when none is given); every worker builds its
auditor once, from the same options, so the results are the local ones. The files must
be readable at the same paths on the workers (a shared folder). The cluster's own limits
apply there: the per-file deadline and memory watch of local workers do not.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from pipeline.batch import AuditOptions, audit_one
from pipeline.errors import UsageError
from pipeline.i18n import _
from pipeline.models import AuditResult

_AUDITORS: dict = {}  # on a Dask worker: options -> the auditor built from them


def dask_audit(path: str, options: AuditOptions) -> AuditResult:
    """One file on a Dask worker (a module-level function: the cluster imports it by name)."""
    auditor = _AUDITORS.get(options)
    if auditor is None:
        auditor = _AUDITORS[options] = options.auditor()
    return audit_one(auditor, path, options.check)


def run_dask(files: tuple[str, ...], options: AuditOptions, jobs: int, scheduler: str | None) -> Iterator[AuditResult]:
    """Audit `files` on a Dask cluster, yielded in input order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(_("--executor dask needs Dask: pip install 'gongkai[dask]'")) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            workers = jobs or os.cpu_count() or 1
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        raise UsageError(
            _(
                "cannot reach the Dask scheduler {scheduler}: {reason}; check the address and that the cluster is up, or leave out --scheduler to run on a local cluster"
            ).format(scheduler=scheduler, reason=exc)
        ) from None
    try:
        futures = client.map(dask_audit, files, options=options, pure=False)
        for path, future in zip(files, futures, strict=True):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or task is this file's error row
                yield AuditResult(path=path, error=f"Dask 集群没有完成这个文件（{type(exc).__name__}: {exc}）；请重试")
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
