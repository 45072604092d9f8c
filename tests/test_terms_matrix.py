"""docs/terms-matrix.md stays true: every rule has a row, every named test and
file exists, and every test that says it proves a rule is listed there."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "spec" / "terms.md"
MATRIX = ROOT / "docs" / "terms-matrix.md"
RULE = re.compile(r"\b([A-Z]{3,4}-\d+)\b")


def spec_ids() -> set[str]:
    if SPEC.exists():
        return set(re.findall(r"^\| ([A-Z]+-\d+) ", SPEC.read_text(), re.MULTILINE))
    return set(matrix_rows())  # a checkout without shared/ still checks the rest


def matrix_rows() -> dict[str, str]:
    rows = {}
    for line in MATRIX.read_text().splitlines():
        match = re.match(r"^\| ([A-Z]+-\d+) \|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def proving_tests() -> dict[str, set[str]]:
    """Each test function mapped to the rule IDs its `# proves:` comments name."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                body = lines[node.lineno - 1 : node.end_lineno]
                ids = {
                    i
                    for line in body
                    if "proves:" in line
                    for i in RULE.findall(line.split("proves:")[1])
                }
                if ids:
                    found[f"{path.relative_to(ROOT)}::{node.name}"] = ids
    return found


def test_every_rule_of_the_terms_has_a_row():
    missing = spec_ids() - set(matrix_rows())
    assert not missing, f"rules without a row in docs/terms-matrix.md: {sorted(missing)}"


def test_every_test_named_in_the_matrix_exists_and_proves_that_rule():
    proven = proving_tests()
    wrong = []
    for rule, row in matrix_rows().items():
        for named in re.findall(r"`(tests/[^`]+::test_\w+)`", row):
            if rule not in proven.get(named, set()):
                wrong.append(f"{rule}: {named}")
    assert not wrong, (
        "named in the matrix but missing, or not saying `# proves:` that rule:\n" + "\n".join(wrong)
    )


def test_every_proving_test_is_listed_under_its_rules():
    rows = matrix_rows()
    unlisted = [
        f"{rule}: {test}"
        for test, rules in proving_tests().items()
        for rule in rules
        if rule in rows and f"`{test}`" not in rows[rule]
    ]
    assert not unlisted, "tests that prove a rule but are not in its row:\n" + "\n".join(
        sorted(unlisted)
    )


def test_the_code_named_in_the_matrix_exists():
    missing = [
        path
        for row in matrix_rows().values()
        for path in re.findall(r"`(maison/[^`:]+)`", row)
        if not (ROOT / path).exists()
    ]
    assert not missing, f"code paths in the matrix that do not exist: {missing}"
