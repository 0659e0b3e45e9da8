"""The cross-area rule (DESIGN section 3): an area imports only LOWER areas (effects flow down)."""

import ast
import pathlib

import pytest

from app.vendors import lio

ROOT = pathlib.Path(lio.__file__).parent
ORDER = [area.__name__.rsplit(".", 1)[-1] for area in lio.AREAS]
VENDOR_LEVEL = {"api", "auth", "common", "constants", "errors", "seeding", "uploads"}


def imported_areas(path):
    """The LIO areas a module imports (``from app.vendors.lio.leads import store``, ``... import leads``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.vendors.lio"):
            parts = node.module.split(".")
            if len(parts) > 3:
                found.add(parts[3])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[:3] == ["app", "vendors", "lio"] and len(parts) > 3:
                    found.add(parts[3])
    return found - VENDOR_LEVEL


def test_every_area_folder_is_declared_in_areas():
    folders = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(ORDER)


@pytest.mark.parametrize("area", ORDER)
def test_area_imports_only_lower_areas(area):
    for path in sorted((ROOT / area).glob("*.py")):
        for other in imported_areas(path) - {area}:
            assert other in ORDER, f"{path.name} imports unknown area {other}"
            assert ORDER.index(other) < ORDER.index(area), (
                f"{area}/{path.name} imports the higher area {other}: effects flow down "
                "(use a foreign key, the timeline or a read-time view instead)")


def test_vendor_level_modules_import_no_area_but_users():
    for name in VENDOR_LEVEL:
        path = ROOT / f"{name}.py"
        if path.exists():
            assert imported_areas(path) <= {"users"}, name
