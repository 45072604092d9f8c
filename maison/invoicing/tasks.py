from django_tasks import task

from . import archive, services


@task()
def chain_archive() -> int:
    """Chain the archive's pending facts (ORD-11): on commit, and every minute."""
    return archive.chain()


@task()
def make_missing_pdfs() -> int:
    """Make the PDFs a failure left unmade after their documents committed (DATA-1).

    The least recently tried first; Finance is alerted, once, of a PDF still
    missing `POLICY.pdf_missing_alert_minutes` after its document was issued.
    """
    return services.make_missing_pdfs()
