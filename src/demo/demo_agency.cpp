#include "demo/demo_agency.h"

namespace agencykpi {

Status WriteDemoAgency(const std::filesystem::path&, const DemoOptions&) {
  return Status::Internal("demo data is not written yet");
}

}  // namespace agencykpi
