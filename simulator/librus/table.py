"""A world table that files its rows by owner.

Every request of one login used to scan whole tables (every grade of every student) to
find that student's rows; at 10,000 students that made the simulator, not the bot, the
bottleneck of the benchmarks. A `Table` keeps, beside the rows, which keys belong to
each owner (a student's id, a grade's id, a login), updated on every insert and
removal, so a view reads its own rows directly. The owner attribute of a row is never
changed in place (the editor does not allow it).
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from typing import Any


class Table[K, V](MutableMapping[K, V]):
    """A mapping of rows, with `owned_by(owner)` answered from an index."""

    def __init__(self, owner: str = "student_id") -> None:
        self._rows: dict[K, V] = {}
        self._owner = owner
        self._by_owner: dict[Any, dict[K, None]] = {}

    def owned_by(self, owner: Any) -> list[V]:
        """The rows whose owner attribute equals `owner`, in insertion order."""
        return [self._rows[key] for key in self._by_owner.get(owner, ())]

    def __getitem__(self, key: K) -> V:
        return self._rows[key]

    def __setitem__(self, key: K, value: V) -> None:
        owner = getattr(value, self._owner)
        if key in self._rows:
            before = self._rows[key]
            if getattr(before, self._owner) == owner:  # replaced in place: keeps its position
                self._rows[key] = value
                return
            self._unfile(key, before)
        self._rows[key] = value
        self._by_owner.setdefault(owner, {})[key] = None

    def __delitem__(self, key: K) -> None:
        self._unfile(key, self._rows[key])
        del self._rows[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def keys(self) -> KeysView[K]:
        return self._rows.keys()

    def values(self) -> ValuesView[V]:
        return self._rows.values()

    def items(self) -> ItemsView[K, V]:
        return self._rows.items()

    def _unfile(self, key: K, value: V) -> None:
        owned = self._by_owner.get(getattr(value, self._owner))
        if owned is not None:
            owned.pop(key, None)
