from django.contrib import admin

from daihoi.audit.admin_mixins import AuditedAdmin
from daihoi.personnel.models import PersonnelSettings


@admin.register(PersonnelSettings)
class PersonnelSettingsAdmin(AuditedAdmin):
    list_display = ["campaign", "reference_date", "first_time_min_months", "reelection_min_months"]
