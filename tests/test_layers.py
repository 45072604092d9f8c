"""The domain apps know nothing of HTTP: requests, sessions and statuses stay in presentation."""

import ast
import importlib
from pathlib import Path

import maison

PRESENTATION = {"storefront", "backoffice", "api"}
# Django's own plug-in points take a request by contract: the admin (back office
# screens) and authentication backends. Everything else in a domain app must not.
FRAMEWORK_HOOKS = {"admin.py", "backends.py"}
HTTP_MODULES = ("django.http", "django.shortcuts", "django.template.response")
HTTP_NAMES = {"HttpRequest", "HttpResponse", "JsonResponse", "Http404", "META", "session"}


def domain_modules():
    root = Path(maison.__file__).parent
    for app in sorted(p for p in root.iterdir() if (p / "apps.py").exists()):
        if app.name in PRESENTATION:
            continue
        for path in sorted(app.rglob("*.py")):
            if "migrations" in path.parts or path.name in FRAMEWORK_HOOKS:
                continue
            yield path, "maison." + ".".join(path.relative_to(root).with_suffix("").parts)


def http_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(HTTP_MODULES):
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name.startswith(HTTP_MODULES)
            ]
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in HTTP_NAMES:
                found.append(f"line {node.lineno}: {name}")
        elif isinstance(node, ast.arg) and node.arg == "request":
            found.append(f"line {node.lineno}: takes a request")
    return found


def test_domain_services_take_values_not_requests():
    checked = 0
    offenders = {}
    for path, dotted in domain_modules():
        importlib.import_module(dotted.removesuffix(".__init__"))
        uses = http_uses(ast.parse(path.read_text(), filename=str(path)))
        if uses:
            offenders[dotted] = uses
        checked += 1
    assert checked > 40, "the domain apps' modules were not found"
    assert not offenders, offenders


def test_the_check_sees_a_request_where_there_is_one():
    tree = ast.parse(
        "from django.http import HttpResponse\n"
        "def sign_in(request, email):\n"
        "    return request.session.get(email)\n"
    )
    assert len(http_uses(tree)) == 3
