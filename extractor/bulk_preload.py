"""Imported once by the fork server of `arsbok bulk`: every worker forked from it starts warm.

With the ``forkserver`` start method, a worker that replaces another (every
`MAX_TASKS_PER_WORKER` files, after a timeout or a memory kill) costs a fork instead of a fresh
interpreter that imports camelot and spaCy again (1.4 s). The fork server is a clean,
single-threaded process, which is what makes forking it safe where forking the caller is not.
"""

from extractor.bulk import limit_native_threads, warm_up_worker

limit_native_threads()  # before numpy is imported: forked workers inherit the setting

try:
    warm_up_worker()
except Exception:  # noqa: BLE001 - a failure here must not kill the fork server
    pass  # each worker warms up again and reports the error with its first file
