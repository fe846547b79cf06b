#include "ingest/agency_reader.h"
