#include "roles/safety/language.hpp"

#include <gtest/gtest.h>

namespace aurixa::safety {
namespace {

TEST(SafetyLanguage, SpanishAndEnglishMessages) {
  EXPECT_EQ(detect_language("mi bebé no respira"), "es");
  EXPECT_EQ(detect_language("Tengo un dolor de pecho muy fuerte"), "es");
  EXPECT_EQ(detect_language("necesito una cita para mañana"), "es");
  EXPECT_EQ(detect_language("my baby is not breathing"), "en");
  EXPECT_EQ(detect_language("I have chest pain and my arm is numb"), "en");
  // Spanish names and one borrowed word do not make an English message Spanish.
  EXPECT_EQ(detect_language("can I see Dr. de la Cruz on Monday?"), "en");
  EXPECT_EQ(detect_language("me quiero matar"), "es");  // short: one Spanish word and no English one
  EXPECT_EQ(detect_language("hola"), "es");
  EXPECT_EQ(detect_language("ok thanks"), "en");
  EXPECT_EQ(detect_language(""), "en");
}

}  // namespace
}  // namespace aurixa::safety
