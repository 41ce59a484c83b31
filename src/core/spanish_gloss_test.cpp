// English glosses of Spanish clinic words (retrieval and answers over an English knowledge base).
#include "core/spanish_gloss.hpp"

#include <gtest/gtest.h>

namespace aurixa {
namespace {

TEST(SpanishGloss, GlossesClinicWordsWithOrWithoutAccents) {
  EXPECT_EQ(english_gloss("¿Dónde me puedo estacionar?"), "where parking");
  EXPECT_EQ(english_gloss("donde esta el ESTACIONAMIENTO"), "where parking");
  EXPECT_EQ(english_gloss("¿Cuál es su horario los sábados?"), "hours saturday");
  EXPECT_EQ(english_gloss("necesito resurtir mi receta"), "refill prescription");
  EXPECT_EQ(english_gloss("Mi bebé tiene fiebre y tos"), "baby fever cough");
}

TEST(SpanishGloss, EachGlossOnceInTheOrderFound) {
  EXPECT_EQ(english_gloss("cita, citas y otra cita"), "appointment appointments");
  EXPECT_EQ(english_gloss("tengo tos, mucha tos"), "cough");
}

// English text gets nothing, including English words that begin like a Spanish stem.
TEST(SpanishGloss, EnglishTextGetsNoGloss) {
  for (const char* s :
       {"What are your opening hours?", "I need to cancel my appointment", "Where do I park?",
        "Is this a clinical trial citation?", "how precious is the registrar's time", "I have a gripe about my bill",
        "Can I get the flu vaccine on Saturday?", "consultation fees for a new patient", "medicinal cream for a rash"})
    EXPECT_EQ(english_gloss(s), "") << s;
}

TEST(SpanishGloss, WithGlossKeepsTheTextFirst) {
  EXPECT_EQ(with_english_gloss("¿Aceptan Medicaid?"), "¿Aceptan Medicaid? accept");
  EXPECT_EQ(with_english_gloss("Do you accept Medicaid?"), "Do you accept Medicaid?");
  EXPECT_EQ(with_english_gloss(""), "");
}

}  // namespace
}  // namespace aurixa
