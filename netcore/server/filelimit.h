#pragma once

namespace Net {

// Raises the soft RLIMIT_NOFILE to the hard limit, where allowed, and
// returns the soft limit now in force. Each connection costs a descriptor.
long raiseFileLimit();

} // namespace Net
