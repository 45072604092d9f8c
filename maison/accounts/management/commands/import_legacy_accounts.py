from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maison.accounts.legacy import COLUMNS, MissingColumns, import_accounts, read_rows


class Command(BaseCommand):
    help = (
        "Import the customers of the previous site from a CSV file (ACC-3). Columns: "
        + ", ".join(COLUMNS)
        + ". Accounts get no usable password; running it again updates them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file, UTF-8, with a header row")

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as lines:
                report = import_accounts(read_rows(lines))
        except FileNotFoundError:
            raise CommandError(f"no such file: {file}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: {error}") from None
        except MissingColumns as error:
            raise CommandError(f"{file} lacks the columns: {error}") from None
        for line, reason in report.left_alone:
            self.stdout.write(f"line {line}: {reason}")
        for line, reason in report.skipped:
            self.stderr.write(f"line {line}: skipped: {reason}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{len(report.left_alone)} left as they were, {len(report.skipped)} skipped"
        )
