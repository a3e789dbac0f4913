"""The SMS channel's pure logic: segments, rendering, opt-out keywords, numbered choices, number normalising.

Nothing here does I/O. The rest of the SMS channel is in api/sms/ (webhooks' work, worker jobs, summary, keyed
phone hashes, Twilio client) with its routers in api/routes/sms.py and api/routes/sms_summary.py.
"""
