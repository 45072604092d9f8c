"""Run a shopper's step from many threads at once, as concurrent requests would."""

import threading

from django.db import connections


def at_once(step, arguments: list) -> list:
    """Call `step(argument)` in one thread per argument, all released together.

    Returns what each call returned, or the exception it raised, in no
    particular order. Each thread closes its own database connections.
    """
    start = threading.Barrier(len(arguments))
    results: list = []
    lock = threading.Lock()

    def run(argument):
        try:
            start.wait()
            result = step(argument)
        except Exception as error:  # noqa: BLE001 — returned to the test, which asserts on it
            result = error
        finally:
            # The store's connection and any other the step opened (the provider's).
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
