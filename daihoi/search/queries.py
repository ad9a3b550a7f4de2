"""One search over everything a user may see, grouped by kind, each kind's query bounded.

Every kind is scoped through orgs/scope.py (the congress documents and elections by
their congress's organisation, the governing documents as their register shows them);
people only for those who may read personnel records, and that read is audited like
any list of them. A search costs a fixed number of queries, whatever the tree's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.documents import visible_documents
from daihoi.campaigns.models import Congress, DocumentType
from daihoi.drafts.models import DocKind, DraftDocument
from daihoi.elections.models import Election, ElectionKind
from daihoi.lib.text import fold
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.search import search_orgs
from daihoi.personnel import access as personnel_access
from daihoi.personnel.models import Person
from daihoi.search.kinds import all_words, kinds_starting, label_words

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import Promise

    from daihoi.accounts.models import User

# The header's popup shows a handful of each kind; the results page a screenful.
POPUP_LIMIT = 5
PAGE_LIMIT = 20
MIN_LENGTH = 2

CONGRESS_WORDS = frozenset(fold("đại hội nhiệm kỳ").split())
ELECTION_WORDS = frozenset(fold("bầu cử").split())
DRAFT_WORDS = frozenset(fold("văn kiện dự thảo").split())
DOCUMENT_WORDS = frozenset(fold("văn bản số").split())


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass
class Group:
    """The hits of one kind; `more` when the kind had more than the limit."""

    kind: str
    label: Promise | str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


@dataclass
class Results:
    query: str
    groups: list[Group]

    @property
    def found(self) -> bool:
        return any(g.hits for g in self.groups)


def _bounded(kind: str, label: Promise | str, hits: list[Hit], limit: int) -> Group:
    return Group(kind, label, hits[:limit], more=len(hits) > limit)


def _parent_names(orgs: list[Organisation]) -> dict[str, str]:
    """Each organisation's parent's name by path, in one query."""
    paths = {o.parent_path for o in orgs if o.depth > 1}
    return dict(Organisation.objects.filter(path__in=paths).values_list("path", "name"))


def _with_parent(org: Organisation, parents: dict[str, str]) -> str:
    """ "Chi bộ thôn Đông — Đảng bộ xã Tú Đoạn": thirteen cells of Lạng Sơn share the name."""
    parent = parents.get(org.parent_path, "") if org.depth > 1 else ""
    return f"{org.name} — {parent}" if parent else org.name


def organisations(user: User | AnonymousUser, query: str, limit: int) -> Group:
    found = search_orgs(user, query, limit=limit + 1)
    parents = _parent_names(found)
    hits = []
    for o in found:
        url = reverse("org_detail", args=[o.structure.code, o.code])
        hits.append(Hit(_with_parent(o, parents), url, f"{o.level.short_name} · {o.code}"))
    return _bounded("orgs", gettext_lazy("Tổ chức"), hits, limit)


def _person_scope(user: User | AnonymousUser) -> tuple[bool, Organisation | None]:
    """Whether the user may read people in their whole subtree, and its root."""
    root = scope.scope_root(user)
    if scope.sees_everything(user):
        return True, root
    return root is not None and personnel_access.may_read(user, root), root


def people(user: User | AnonymousUser, query: str, limit: int) -> Group | None:
    """Cadres by name, for personnel staff only (None for the others: no group at all)."""
    allowed, root = _person_scope(user)
    if not allowed:
        return None
    folded = fold(query)
    found = list(
        scope.scoped(user, Person.objects.all(), via="organisation")
        .filter(search_name__contains=folded)
        .select_related("organisation")
        .order_by("search_name", "pk")[: limit + 1]
    )
    shown = found[:limit]
    personnel_access.record_read(
        cast("User", user),
        root,
        "search",
        target=f"search:{root.pk if root else 0}",
        query={"q": query},
        people=[p.pk for p in shown],
    )
    hits = [
        Hit(p.full_name, reverse("personnel_person", args=[p.pk]), p.organisation.name)
        for p in found
    ]
    return _bounded("people", gettext_lazy("Cán bộ, đảng viên"), hits, limit)


def congresses(user: User | AnonymousUser, query: str, limit: int) -> Group:
    condition = all_words(query, org_field="organisation", vocabulary=CONGRESS_WORDS)
    found: list[Congress] = []
    if condition is not None:
        found = list(
            scope.scoped(user, Congress.objects.all(), via="organisation")
            .filter(condition)
            .select_related("organisation", "campaign")
            .order_by("organisation__depth", "organisation__search_name", "-campaign__term_start")[
                : limit + 1
            ]
        )
    parents = _parent_names([c.organisation for c in found])
    hits = [
        Hit(
            _("Đại hội %(org)s") % {"org": _with_parent(c.organisation, parents)},
            reverse("congress_detail", args=[c.campaign.slug, c.organisation.code]),
            _("Nhiệm kỳ %(term)s · %(state)s")
            % {"term": c.term or c.campaign.term, "state": c.get_state_display()},
        )
        for c in found
    ]
    return _bounded("congresses", gettext_lazy("Đại hội"), hits, limit)


M = TypeVar("M", Election, DraftDocument)


def _of_congresses(
    user: User | AnonymousUser,
    model: type[M],
    query: str,
    limit: int,
    *,
    vocabulary: frozenset[str],
    kinds: dict[str, list[str]],
) -> list[M]:
    """Rows of a congress (its elections, its documents) matching every word, in scope."""
    condition = all_words(
        query,
        org_field="congress__organisation",
        vocabulary=vocabulary,
        kind_field="kind",
        kinds=kinds,
        title_field="title",
    )
    if condition is None:
        return []
    rows = (
        scope.scoped(user, model.objects.all(), via="congress__organisation")
        .filter(condition)
        .select_related("congress__organisation", "congress__campaign")
        .order_by("congress__organisation__depth", "congress__organisation__search_name", "pk")
    )
    return list(rows[: limit + 1])


def elections(user: User | AnonymousUser, query: str, limit: int) -> Group:
    kinds = label_words(ElectionKind.choices)
    found = _of_congresses(user, Election, query, limit, vocabulary=ELECTION_WORDS, kinds=kinds)
    hits = [
        # The title alone ("Ban Chấp hành") is every congress's: the unit tells them apart.
        Hit(
            f"{e.title} — {e.congress.organisation.name}",
            reverse("election_detail", args=[e.pk]),
            e.get_state_display(),
        )
        for e in found
    ]
    return _bounded("elections", gettext_lazy("Bầu cử"), hits, limit)


def drafts(user: User | AnonymousUser, query: str, limit: int) -> Group:
    kinds = label_words(DocKind.choices)
    found = _of_congresses(user, DraftDocument, query, limit, vocabulary=DRAFT_WORDS, kinds=kinds)
    hits = [
        Hit(
            f"{d.title} — {d.congress.organisation.name}",
            reverse(
                "drafts_document",
                args=[d.congress.campaign.slug, d.congress.organisation.code, d.kind],
            ),
            d.congress.campaign.term,
        )
        for d in found
    ]
    return _bounded("drafts", gettext_lazy("Văn kiện đại hội"), hits, limit)


def documents(user: User | AnonymousUser, query: str, limit: int) -> Group:
    """Governing documents by number ("93-KH/TU"), type, issuer, organisation or summary."""
    types = label_words(DocumentType.objects.values_list("pk", "name"))

    def number_or_code(typed: str, folded: str) -> Q:
        word = Q(issuer__code__iexact=typed) | Q(doc_type__code__iexact=typed)
        if typed.isdigit():
            word |= Q(number_text=typed) | Q(number=int(typed[:9]))
        starting = kinds_starting(folded, types)
        return word | Q(doc_type_id__in=starting) if starting else word

    condition = all_words(
        query,
        org_field="organisation",
        vocabulary=DOCUMENT_WORDS,
        title_field="title",
        extra=number_or_code,
    )
    found = list(visible_documents(user).filter(condition)[: limit + 1]) if condition else []
    hits = [
        Hit(
            f"{d.code} — {d.title}",
            reverse("documents_detail", args=[d.pk]),
            f"{d.organisation.name} · {d.date:%d/%m/%Y}",
        )
        for d in found
    ]
    return _bounded("documents", gettext_lazy("Văn bản chỉ đạo"), hits, limit)


def search_all(user: User | AnonymousUser, query: str, *, limit: int) -> Results:
    """Return the groups of hits, in a fixed order; empty when the query is too short."""
    query = query.replace("\x00", "").strip()  # PostgreSQL refuses the byte; no name holds it
    if len(fold(query)) < MIN_LENGTH:
        return Results(query, [])
    groups = [organisations(user, query, limit)]
    found_people = people(user, query, limit)
    if found_people is not None:
        groups.append(found_people)
    groups += [
        congresses(user, query, limit),
        elections(user, query, limit),
        drafts(user, query, limit),
        documents(user, query, limit),
    ]
    return Results(query, groups)
