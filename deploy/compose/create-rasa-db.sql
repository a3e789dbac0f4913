-- The tracker store's database (RASA_TRACKER_URL), created next to the api's at the first start.
CREATE DATABASE rasa OWNER assistant;
