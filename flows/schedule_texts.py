"""What each milestone type is called in a reminder, by language.

The texts live in the catalogs (flows/locale/<language>/LC_MESSAGES/replies.po, msgids
"milestone_<type>"); every type in content/reminders.yml needs one. This view of them stays
for the code that reads it from here.
"""

from flows.texts import LABELS

MILESTONE_LABELS: dict[str, dict[str, str]] = {
    key: by_language for key, by_language in LABELS.items() if key.startswith("milestone_")
}
