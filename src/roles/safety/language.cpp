#include "roles/safety/language.hpp"

#include <algorithm>
#include <array>

#include "roles/safety/normalize.hpp"

namespace aurixa::safety {
namespace {

// Sorted, accent-folded (normalize()); no word that is also common in English.
constexpr std::array<std::string_view, 110> kSpanish = {
    "ahora", "al", "algo", "alguien", "antes", "aqui", "ayer", "ayuda", "bebe", "bien", "buenas", "buenos",
    "cabeza", "cita", "como", "con", "cual", "cuales", "cuando", "cuanto", "cuantos", "de", "del", "despues",
    "dolor", "donde", "el", "ella", "en", "enfermera", "es", "eso", "esposa", "esposo", "esta", "estar", "este",
    "esto", "estoy", "fiebre", "gracias", "hacer", "hay", "hija", "hijo", "hola", "hoy", "la", "las", "le", "les",
    "llamar", "lo", "los", "mama", "manana", "mas", "medico", "mi", "mis", "mucho", "muy", "nada", "necesito",
    "nina", "nino", "nos", "nunca", "otra", "otro", "para", "pecho", "pero", "poco", "por", "porque", "puede",
    "puedo", "que", "quiero", "receta", "respira", "sangre", "se", "seguro", "senor", "senora", "ser", "si",
    "siempre", "sin", "su", "sus", "tambien", "tener", "tengo", "tiene", "tienen", "tienes", "todo", "todos", "un",
    "una", "unas", "unos", "usted", "ustedes", "y", "ya", "yo"};
constexpr std::array<std::string_view, 65> kEnglish = {
    "about", "an", "and", "are", "at", "be", "but", "bye", "can", "did", "do", "for", "from", "get", "got", "have",
    "he", "hello", "her", "hes", "hey", "hi", "his", "how", "i", "if", "im", "in", "is", "it", "just", "later",
    "my", "need", "not", "of", "on", "or", "our", "please", "see", "she", "so", "thank", "thanks", "that", "the",
    "there", "they", "this", "to", "want", "was", "we", "what", "when", "where", "who", "will", "with", "would",
    "yeah", "yes", "you", "your"};
static_assert(std::is_sorted(kSpanish.begin(), kSpanish.end()) && std::is_sorted(kEnglish.begin(), kEnglish.end()));

bool in(std::string_view w, const auto& sorted) { return std::binary_search(sorted.begin(), sorted.end(), w); }

}  // namespace

std::string_view detect_language(std::string_view text) {
  const auto t = normalize(text);
  int es = 0, en = 0;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    const auto w = t.token(i);
    es += in(w, kSpanish);
    en += in(w, kEnglish);
  }
  // Two Spanish words outnumbering the English ones, or one in a short message with no English word at all
  // ("me quiero matar", "hola").
  const bool short_message = t.tokens.size() <= 4;
  return (es >= 2 && es > en) || (es >= 1 && en == 0 && short_message) ? "es" : "en";
}

}  // namespace aurixa::safety
