from .draft import Assignments


def draft_to_assignments(text, draft):
    return Assignments()
