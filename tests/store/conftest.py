"""Fixtures of the store's tests: a fresh database path, and a writable store on it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # storekit


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture()
def store(db_path: Path):
    from eventwire.store.db import open_store

    with open_store(db_path) as s:
        yield s
