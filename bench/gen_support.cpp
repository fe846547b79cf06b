#include "gen_support.h"

namespace agencykpi::bench {

CsvOut::CsvOut(const std::filesystem::path& file, std::string_view header) : buffer_(kBufferBytes) {
  file_ = std::fopen(file.c_str(), "wb");
  if (file_ == nullptr) failed_ = true;
  Text(header).EndRow();
}

CsvOut::~CsvOut() {
  Close();
}

bool CsvOut::Close() {
  if (file_ != nullptr) {
    Flush();
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
  }
  return !failed_;
}

void CsvOut::Flush() {
  if (used_ > 0 && file_ != nullptr && std::fwrite(buffer_.data(), 1, used_, file_) != used_) failed_ = true;
  used_ = 0;
}

CsvOut& CsvOut::Int(int64_t value) {
  constexpr size_t kMaxDigits = 20;
  Reserve(kMaxDigits + 1);
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (value < 0) buffer_[used_++] = '-';
  std::array<char, kMaxDigits> digits{};
  size_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (count > 0) buffer_[used_++] = digits[--count];
  return *this;
}

CsvOut& CsvOut::Id(char prefix, int64_t number, int width) {
  constexpr int kMaxWidth = 19;
  Reserve(static_cast<size_t>(kMaxWidth) + 2);
  buffer_[used_++] = prefix;
  std::array<char, kMaxWidth + 1> digits{};
  int count = 0;
  auto rest = static_cast<uint64_t>(number);
  do {
    digits[static_cast<size_t>(count++)] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0 && count < kMaxWidth);
  for (int i = count; i < width && i < kMaxWidth; ++i) buffer_[used_++] = '0';
  while (count > 0) buffer_[used_++] = digits[static_cast<size_t>(--count)];
  return *this;
}

CsvOut& CsvOut::Fixed(int64_t scaled, int decimals) {
  int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const uint64_t magnitude = scaled < 0 ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  if (scaled < 0) Char('-');
  Int(static_cast<int64_t>(magnitude / static_cast<uint64_t>(unit)));
  if (decimals == 0) return *this;
  Char('.');
  uint64_t fraction = magnitude % static_cast<uint64_t>(unit);
  std::array<char, 20> digits{};
  for (int i = decimals - 1; i >= 0; --i) {
    digits[static_cast<size_t>(i)] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  Text(std::string_view(digits.data(), static_cast<size_t>(decimals)));
  return *this;
}

}  // namespace agencykpi::bench
