from .draft import Draft, Envelope


def text_to_draft(text):
    return Draft(envelope=Envelope(), nodes=())
