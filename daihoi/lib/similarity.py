"""Grouping comments that say the same thing, so a drafting team answers each point once.

Texts are folded (no diacritics, lower case), stripped of punctuation and of
the words every comment uses ("đề nghị", "cần", "và" …), then compared with
rapidfuzz's token_sort_ratio (their words sorted, then the plain ratio).
Comments are only compared within a block (the paragraph they are about),
and a block is clustered by leaders: each comment joins the first group whose
leader it matches, else it leads a new group. With
identical texts collapsed first, that stays near linear in practice; a block
larger than BLOCK_LIMIT is split further by a MinHash of its words, so two
comments sharing most words still meet with high probability.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from daihoi.lib.text import fold

__all__ = ["DEFAULT_THRESHOLD", "Group", "group_texts", "normalise"]

DEFAULT_THRESHOLD = 80.0
BLOCK_LIMIT = 3000

# Folded words that carry no point of their own in a comment.
STOPWORDS = frozenset(
    """
    de nghi can nen phai va cua la cac nhung mot trong cho voi thi ma da dang se duoc
    bo sung them ro hon nua ve tai theo nay do co khong rat cung nhu neu vao tu
    kien gop ban du thao doan muc
    """.split()
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Return the words of a comment that matter, folded, in their order."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    kept = [w for w in words if w not in STOPWORDS]
    # A comment made only of common words ("đồng ý") is still a point: keep it whole.
    return " ".join(kept or words)


@dataclass(frozen=True)
class Group:
    """Indexes (into the input) of comments that say the same thing; the first leads."""

    members: tuple[int, ...]

    @property
    def leader(self) -> int:
        return self.members[0]


def _minhash_key(normalised: str) -> int:
    words = set(normalised.split()) or {""}
    return min(zlib.crc32(w.encode()) for w in words)


def _cluster(texts: list[str], threshold: float) -> list[list[int]]:
    """Leader clustering of distinct normalised texts; returns lists of their positions.

    token_sort_ratio is the plain ratio of the texts with their words sorted;
    sorting each text once here, instead of in every comparison, is what
    keeps 100,000 comments well under a minute.
    """
    leaders: list[str] = []
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        key = " ".join(sorted(text.split()))
        found = process.extractOne(
            key, leaders, scorer=fuzz.ratio, score_cutoff=threshold, processor=None
        )
        if found is None:
            leaders.append(key)
            groups.append([i])
        else:
            groups[found[2]].append(i)
    return groups


def group_texts(
    items: Sequence[tuple[Hashable, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    block_limit: int = BLOCK_LIMIT,
) -> list[Group]:
    """Group (block, text) items: only items of one block are compared.

    Every item is in exactly one group; a group of one is a comment nobody
    else made. Groups come in the order of their first member.
    """
    by_block: dict[Hashable, dict[str, list[int]]] = defaultdict(dict)
    for index, (block, text) in enumerate(items):
        by_block[block].setdefault(normalise(text), []).append(index)

    groups: list[Group] = []
    for distinct in by_block.values():
        texts = list(distinct)
        buckets: list[list[int]]
        if len(texts) > block_limit:
            keyed: dict[int, list[int]] = defaultdict(list)
            for position, text in enumerate(texts):
                keyed[_minhash_key(text)].append(position)
            buckets = list(keyed.values())
        else:
            buckets = [list(range(len(texts)))]
        for bucket in buckets:
            for cluster in _cluster([texts[p] for p in bucket], threshold):
                members = sorted(i for c in cluster for i in distinct[texts[bucket[c]]])
                groups.append(Group(tuple(members)))
    groups.sort(key=lambda g: g.leader)
    return groups
