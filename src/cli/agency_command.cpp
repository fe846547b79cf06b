// `agencykpi agency add|list`: the agencies (tenants) of a PostgreSQL store.
#include <cstdio>
#include <string>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "store/store.h"

namespace agencykpi {

int RunAgency(const AgencyArgs& args) {
  if (args.action == "add") {
    const Status added = AddAgency(args.db, AgencyRecord{args.id, args.name, "", 0, ""});
    if (!added.ok()) return FailCommand(added);
    std::fprintf(stderr, "agency %s added: import into it with agencykpi import DIR --db URI --agency %s\n",
                 args.id.c_str(), args.id.c_str());
    return ExitCodeFor(ErrorCode::kOk);
  }
  auto agencies = ListAgencies(args.db);
  if (!agencies.ok()) return FailCommand(agencies.status());
  // Tab-separated: id, name, dataset version, last import ("-" before the first).
  for (const AgencyRecord& agency : *agencies) {
    std::printf("%s\t%s\t%lld\t%s\n", agency.id.c_str(), agency.name.c_str(),
                static_cast<long long>(agency.dataset_version),
                agency.imported_at.empty() ? "-" : agency.imported_at.c_str());
  }
  return ExitCodeFor(std::fflush(stdout) == 0 ? ErrorCode::kOk : ErrorCode::kIo);
}

}  // namespace agencykpi
