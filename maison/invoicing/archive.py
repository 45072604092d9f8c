"""The tamper-evident archive of ORD-11: every fact of an order's life, chained.

Writers never wait for the chain: `keep` adds a pending row in the writer's
own transaction and asks the worker to chain once it commits. The worker
(`chain`, run on commit and every minute by the scheduler) holds the chain's
lock alone and appends the pending rows in the order they became visible,
which is commit order. Each record carries the hash of the one before,
computed over a canonical JSON (sorted keys, no spaces, UTF-8): editing,
removing or reordering a record breaks every link from there.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import connection, transaction

from maison import clock

from .models import ArchivePending, ArchiveRecord

GENESIS = "0" * 64
BATCH = 500
# pg_advisory_xact_lock key of the chain's single writer ("ARCH").
CHAIN_LOCK = 0x41524348


def keep(kind: str, payload: dict, *, at: datetime | None = None) -> None:
    """Archive a fact once the caller's transaction commits (no lock taken here)."""
    ArchivePending.objects.create(kind=kind, at=at or clock.now(), payload=payload)
    if not any(callback is _ask_worker for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_ask_worker)


# Set while a chaining task is queued: a burst of commits (a flash sale) queues one, not
# one each. The task clears it before it reads, so a fact committed later queues another.
QUEUED_KEY = "invoicing:archive-chain-queued"


def _ask_worker() -> None:
    from .tasks import chain_archive

    if cache.add(QUEUED_KEY, True, timeout=60):
        chain_archive.enqueue()


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(seq: int, kind: str, at: str, payload: dict, prev_hash: str) -> str:
    body = {"seq": seq, "kind": kind, "at": at, "payload": payload, "prev_hash": prev_hash}
    return hashlib.sha256(canonical(body)).hexdigest()


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def chain() -> int:
    """Append what is pending to the chain; the number of records added."""
    cache.delete(QUEUED_KEY)
    added = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
            pending = list(ArchivePending.objects.order_by("id")[:BATCH])
            if not pending:
                return added
            head = ArchiveRecord.objects.order_by("-seq").first()
            seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
            records = []
            for row in pending:
                seq += 1
                at = stamp(row.at)
                digest = link_hash(seq, row.kind, at, row.payload, prev)
                records.append(
                    ArchiveRecord(
                        seq=seq,
                        kind=row.kind,
                        at=row.at,
                        payload=row.payload,
                        prev_hash=prev,
                        hash=digest,
                    )
                )
                prev = digest
            ArchiveRecord.objects.bulk_create(records)
            ArchivePending.objects.filter(pk__in=[row.pk for row in pending]).delete()
            added += len(records)


def as_row(record: ArchiveRecord) -> dict:
    return {
        "seq": record.seq,
        "kind": record.kind,
        "at": stamp(record.at),
        "payload": record.payload,
        "prev_hash": record.prev_hash,
        "hash": record.hash,
    }


@dataclass(frozen=True)
class Broken:
    """The first link that does not hold, and why."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"record {self.seq}: {self.reason}"


def check(rows, *, pdf_digest=None, anchored: bool = False) -> Broken | None:
    """Walk archived rows (dicts of `as_row`) in order; the first broken link, if any.

    `pdf_digest(name)` gives the SHA-256 of a stored PDF (None when missing).
    An export (`anchored`) may begin mid-chain: its first record's link to the
    one before is taken as given, and every link after it is checked.
    """
    expected_seq, prev = 1, GENESIS
    for position, row in enumerate(rows):
        if anchored and position == 0:
            expected_seq, prev = row["seq"], row["prev_hash"]
        if row["seq"] != expected_seq:
            if row["seq"] > expected_seq:
                return Broken(expected_seq, f"missing (the next record found is {row['seq']})")
            return Broken(row["seq"], "out of order")
        if row["prev_hash"] != prev:
            return Broken(row["seq"], "does not follow the record before it (removed or reordered)")
        digest = link_hash(row["seq"], row["kind"], row["at"], row["payload"], row["prev_hash"])
        if digest != row["hash"]:
            return Broken(row["seq"], "altered (its hash does not match its content)")
        if pdf_digest is not None and row["payload"].get("pdf_sha256"):
            found = pdf_digest(row["payload"]["pdf_name"])
            if found is None:
                return Broken(row["seq"], f"its PDF {row['payload']['pdf_name']} is missing")
            if found != row["payload"]["pdf_sha256"]:
                return Broken(row["seq"], f"its PDF {row['payload']['pdf_name']} was changed")
        prev = row["hash"]
        expected_seq += 1
    return None


def document_payload(document, lines) -> dict:
    return {
        "number": document.number,
        "kind": document.kind,
        "order": document.order_number,
        "issued_at": stamp(document.issued_at),
        "corrects": document.corrects.number if document.corrects_id else "",
        "currency": document.currency,
        "country": document.country,
        "total_minor": document.total_minor,
        "vat_totals": document.vat_totals,
        "lines": [
            [line.kind, line.description, line.quantity, line.gross_minor, f"{line.vat_rate:.4f}"]
            for line in lines
        ],
        "pdf_name": document.pdf_name,
        "pdf_sha256": document.pdf_sha256,
    }


def stored_digest(name: str) -> str | None:
    """The SHA-256 of a PDF in the store's file storage; None when it is missing."""
    from django.core.files.storage import default_storage

    if not default_storage.exists(name):
        return None
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify() -> Broken | None:
    """Check the whole chain in the database, and every PDF it names, in storage."""
    rows = (as_row(record) for record in ArchiveRecord.objects.order_by("seq").iterator())
    return check(rows, pdf_digest=stored_digest)


def head() -> dict:
    last = ArchiveRecord.objects.order_by("-seq").first()
    return {"seq": last.seq, "hash": last.hash} if last else {"seq": 0, "hash": GENESIS}


def export(destination, *, since: datetime, until: datetime) -> int:
    """Write the records of [since, until), their PDFs and the chain head to a zip file.

    The bundle stands alone: `verify_bundle` checks it with nothing but itself.
    """
    import zipfile

    from django.core.files.storage import default_storage

    records = ArchiveRecord.objects.filter(at__gte=since, at__lt=until).order_by("seq")
    count, pdfs = 0, []
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as bundle:
        with bundle.open("records.jsonl", "w") as out:
            for record in records.iterator():
                row = as_row(record)
                out.write(canonical(row) + b"\n")
                count += 1
                if row["payload"].get("pdf_name"):
                    pdfs.append(row["payload"]["pdf_name"])
        for name in pdfs:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    bundle.writestr(f"pdf/{name}", stored.read())
        bundle.writestr("head.json", canonical(head()))
    return count


def verify_bundle(source) -> Broken | None:
    """Check an export alone: its links, its hashes, its PDFs, and its head if it reaches it."""
    import zipfile

    with zipfile.ZipFile(source) as bundle:
        names = set(bundle.namelist())
        rows = [json.loads(line) for line in bundle.read("records.jsonl").splitlines() if line]

        def digest(name: str) -> str | None:
            member = f"pdf/{name}"
            return hashlib.sha256(bundle.read(member)).hexdigest() if member in names else None

        broken = check(rows, pdf_digest=digest, anchored=True)
        if broken or not rows:
            return broken
        chain_head = json.loads(bundle.read("head.json"))
        last = rows[-1]
        if last["seq"] == chain_head["seq"] and last["hash"] != chain_head["hash"]:
            return Broken(last["seq"], "is not the chain head the export recorded")
    return None
