"""The SMS channel's pure logic: segments, rendering, opt-out keywords, numbered choices, keyed phone hashes.

Nothing here does I/O: the Twilio webhooks live in api/routes/sms.py and the sending in api/sms_jobs.py.
"""
