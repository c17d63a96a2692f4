// Pins an event type's stored shape: its payload serializes to `pinned` (keys, kinds and
// order exactly as history holds them) and decodes back to the same struct.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>

#include "store/events/event.h"

namespace lindungi::store::events {

template <class E>
void ExpectPinned(const E& e, std::string_view pinned) {
  boost::json::object p = e.Payload();
  EXPECT_EQ(boost::json::serialize(p), pinned) << E::kType;
  EXPECT_TRUE(E::From(p) == e) << E::kType << " does not decode to what was encoded";
  NewEvent n = MakeEvent(e);
  EXPECT_EQ(n.type, E::kType);
  EXPECT_EQ(n.payload, p);
}

// Decodes a payload written as JSON text (an older shape, or a corrupt one).
template <class E>
E Decode(std::string_view text) {
  return E::From(boost::json::parse(text).as_object());
}

}  // namespace lindungi::store::events
