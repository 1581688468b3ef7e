"""The text messages of vroegsignalering: short, one clear next step, no amounts or details of the debt
(a phone screen is read by others too)."""

SMS: dict[int, str] = {
    1: (
        "Hallo, hier is {gemeente}. Wij willen u graag helpen met geldzaken. "
        "Het is gratis. Bel ons op {telefoon}. Of kom langs."
    ),
    2: (
        "Hallo, hier is {gemeente} nog een keer. Wij willen u graag helpen met geldzaken. "
        "Het is gratis. Bel ons op {telefoon}."
    ),
}


def sms_text(attempt: int, gemeente: str, telefoon: str) -> str:
    """The SMS of invitation `attempt` (1 or 2)."""
    return SMS[attempt].format(gemeente=gemeente, telefoon=telefoon)
