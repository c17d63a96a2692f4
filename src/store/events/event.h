// Events as typed structs (docs/storage.md "Streams and events"). Each event type is one
// struct in store/events/<family>_events.h with
//   static constexpr std::string_view kType;   // the stored type, past tense
//   boost::json::object Payload() const;       // its one encoder
//   static X From(const boost::json::object&); // its one decoder (StoreError if corrupt)
// The encoder writes exactly the stored shape (keys, kinds, order); the decoder reads every
// shape history holds. Shapes are pinned by tests/unit/event_types_test.cpp and the API
// snapshot tests/snapshots/event_payloads.txt.
// A number with a fraction is written with at most six decimals (see TaskCompleted's
// duration): Boost.JSON 1.81 reads some 17-digit doubles back one bit off, and a rebuild
// must project what the live append projected.
#pragma once

#include <string>

#include "store/event_log.h"
#include "store/payload.h"

namespace lindungi::store {

// The NewEvent that appends `e`.
template <class E>
NewEvent MakeEvent(const E& e) {
  return NewEvent{std::string(E::kType), e.Payload()};
}

}  // namespace lindungi::store
