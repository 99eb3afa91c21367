"""SQLAlchemy models (only the parts the example needs)."""

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class License(Base):
    __tablename__ = "licenses"

    id = Column(Integer, primary_key=True)
    provider_id = Column(Integer, ForeignKey("providers.id"), nullable=False, index=True)
    state = Column(String(2), nullable=False)
    license_number = Column(String(64), nullable=False)
    expires_on = Column(Date, nullable=False)
    # 20260115_0100_add_portal_fields
    portal_access_notes = Column(Text, nullable=True)
    portal_username = Column(String(500), nullable=True)
    portal_password = Column(String(500), nullable=True)  # encrypted at rest by the app layer
    # 20260115_0200_add_is_imlc
    is_imlc = Column(Boolean, nullable=True)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "state": self.state,
            "license_number": self.license_number,
            "expires_on": self.expires_on.isoformat(),
            "portal_access_notes": self.portal_access_notes,
            "portal_username": self.portal_username,
            "has_portal_password": bool(self.portal_password),
            "is_imlc": self.is_imlc,
        }
