#include "app/app.hpp"

#include <algorithm>

namespace aurixa {

bool App::runs(const std::string& role) const {
  return std::find(local_roles.begin(), local_roles.end(), role) != local_roles.end();
}

}  // namespace aurixa
