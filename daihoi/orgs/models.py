# treebeard ships no types, so django-stubs cannot infer fields of a model built on MP_Node.
# mypy: disable-error-code="var-annotated,django-manager-missing"
"""The organisation tree: structures, their levels, unit types and organisations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from daihoi.lib.text import fold


class Structure(models.Model):
    """One shape of the Party's hierarchy, e.g. the 2020 or the 2025 structure."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ cấu tổ chức")
        verbose_name_plural = _("cơ cấu tổ chức")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """A level of a structure; rank 0 is the centre, each child is one rank lower."""

    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("bậc"))
    code = models.SlugField(_("mã"), max_length=30)
    name = models.CharField(_("tên cấp"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=60)

    class Meta:
        verbose_name = _("cấp")
        verbose_name_plural = _("cấp")
        ordering = ["structure", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "rank"], name="level_rank_unique"),
            models.UniqueConstraint(fields=["structure", "code"], name="level_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitType(models.Model):
    """What kind of unit an organisation belongs to: xã, phường, cơ quan …; users add more."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("loại hình đơn vị")
        verbose_name_plural = _("loại hình đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrgKind(models.TextChoices):
    DANG_BO = "dang_bo", _("Đảng bộ")
    CHI_BO = "chi_bo", _("Chi bộ")


class Organisation(MP_Node):
    """A party committee or cell; its place in the tree is treebeard's materialised path."""

    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="organisations")
    code = models.CharField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=255)
    # The name folded for diacritic-free search ("loc binh" finds "Lộc Bình").
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=OrgKind.choices)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("cấp"))
    unit_type = models.ForeignKey(
        UnitType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("loại hình")
    )
    members = models.PositiveIntegerField(_("số đảng viên"), default=0)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        constraints = [
            models.UniqueConstraint(fields=["structure", "code"], name="org_code_unique"),
        ]
        indexes = [
            # "Count everything under X by level": one range scan of this index per
            # level, already grouped, never touching the rows (bench/tree.py).
            models.Index(fields=["level", "path", "numchild"], name="org_level_path_children"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]
