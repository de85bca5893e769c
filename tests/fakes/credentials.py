"""Fake provider credentials shared by the fakes and the tests (never real ones)."""

# Shaped like real credentials (aiogram validates the token's form) but fake.
TWILIO_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
TWILIO_AUTH_TOKEN = "test-twilio-auth-token"
TWILIO_FROM_NUMBER = "+15005550006"
TELEGRAM_BOT_TOKEN = "7000000001:AAFakeTokenForLoopbackTestsOnly_0123"
TELEGRAM_WEBHOOK_SECRET = "test-telegram-secret"
STRIPE_SECRET_KEY = "sk_test_" + "loopback" * 3
STRIPE_WEBHOOK_SECRET = "whsec_" + "loopbacksecret" * 2
