"""The GSM 03.38 alphabet of SMS: a message with any other character is sent as UCS-2 (70 characters a part).

Read by ``channels/sms/segments.py`` (counting segments) and ``bot/actions/results.py`` (the SMS summary).
"""

from __future__ import annotations

# GSM 03.38 default alphabet (as mapped to Unicode by the Unicode Consortium's GSM0338 table: 0x09 is Ç).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each character is sent as ESC + character, two septets.
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
