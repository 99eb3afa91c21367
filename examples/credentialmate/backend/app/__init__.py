"""CredentialMate backend: physician license and CME tracking API."""
