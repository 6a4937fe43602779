"""Official records as claims: the US Office of the Historian's travel records (``travels``)."""

from emptychair.records.travels import TravelImport, import_travels, trip_claims, trip_document

__all__ = ["TravelImport", "import_travels", "trip_claims", "trip_document"]
