from django_tasks import task

from . import archive


@task()
def chain_archive() -> int:
    """Chain the archive's pending facts (ORD-11): on commit, and every minute."""
    return archive.chain()
