// import and check with --profile: the folder as the reader takes it, each
// table the profile names served as a file of ours made from its source
// (through MapRecords), and the findings on those files put back on the
// source's own file and lines.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingest/agency_reader.h"
#include "ingest/profile.h"

namespace agencykpi {

class ProfiledFolder final : public FileSource {
 public:
  // `inner` and `profile` outlive this; `language`: of the messages of a
  // source that cannot be opened.
  ProfiledFolder(FileSource& inner, const Profile& profile, Language language)
      : inner_(inner), profile_(profile), language_(language) {}

  // The folder's files without the profile's sources, with our file of each
  // table the profile names.
  Result<std::vector<std::string>> List() override;
  Result<std::optional<std::string>> Read(const std::string& file_name) override;

  // The findings on the files made here, put back on their sources; the
  // errors of the sources themselves (a column the profile names that is
  // not there, a row that cannot be read) added.
  void Restore(IngestOutcome& outcome) const;

 private:
  struct Made {
    std::string place;          // the source as messages name it
    std::vector<int64_t> lines;  // our line → the source's (index 0 unused)
    bool sheet = false;          // the source is a sheet: findings name cells
    std::map<std::string, std::string> letters;  // a sheet's: our column → its source column's letters
  };
  FileSource& inner_;
  const Profile& profile_;
  Language language_;
  std::map<std::string, Made> made_;  // by our file name
  std::vector<Diagnostic> source_errors_;
};

}  // namespace agencykpi
