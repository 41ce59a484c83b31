#include "core/spanish_gloss.hpp"

#include "core/fold_words.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aurixa {
namespace {

struct Gloss {
  std::string_view spanish;  // accent-folded; a trailing '*' matches any word that starts with the rest
  std::string_view english;
};

// The clinic's vocabulary. A stem is at least 5 letters, so it names one family of words. Words that are
// also English ("doctor", "plan", "video", "gripe", "lunar", "registrar") are left out, and so are stems that
// begin English words ("cita" of citation, "clinica" of clinical, "precio" of precious): those are listed
// as whole words.
constexpr Gloss kGlosses[] = {
    // visits and people
    {"cita", "appointment"},
    {"citas", "appointments"},
    {"consulta", "visit appointment"},
    {"consultas", "visits appointments"},
    {"agendar", "schedule"},
    {"programar", "schedule"},
    {"reprograma*", "reschedule"},
    {"cancela*", "cancel"},
    {"cancelo", "cancel"},
    {"cancele", "cancel"},
    {"falte", "missed"},
    {"falto", "missed"},
    {"faltar", "missed"},
    {"faltas", "missed"},
    {"tarde", "late afternoon"},
    {"mismo", "same"},
    {"enfermo", "sick"},
    {"enferma", "sick"},
    {"nuevo", "new"},
    {"nueva", "new"},
    {"nuevos", "new"},
    {"nuevas", "new"},
    {"paciente*", "patient"},
    {"medico", "doctor"},
    {"medica", "doctor"},
    {"doctora", "doctor"},
    {"enfermer*", "nurse"},
    {"proveedor*", "provider"},
    {"especialista*", "specialist"},
    {"referido", "referral"},
    {"referencia", "referral"},
    // time
    {"horario*", "hours"},
    {"hora", "time hours"},
    {"horas", "hours"},
    {"abren", "open"},
    {"abre", "open"},
    {"abierto", "open"},
    {"abierta", "open"},
    {"cierran", "close closed"},
    {"cierra", "close closed"},
    {"cerrado", "closed"},
    {"cerrada", "closed"},
    {"lunes", "monday"},
    {"martes", "tuesday"},
    {"miercoles", "wednesday"},
    {"jueves", "thursday"},
    {"viernes", "friday"},
    {"sabado*", "saturday"},
    {"domingo*", "sunday"},
    {"semana*", "week"},
    {"manana", "morning tomorrow"},
    {"noche", "evening night"},
    {"dias", "days"},
    {"tarda", "take long"},
    {"tardan", "take long"},
    {"listo", "ready"},
    {"listos", "ready"},
    {"lista", "ready"},
    {"listas", "ready"},
    // places
    {"donde", "where"},
    {"direccion", "address directions"},
    {"estacion*", "parking"},
    {"aparcar", "parking"},
    {"parqueo", "parking"},
    {"piso", "floor"},
    {"edificio", "building"},
    {"ascensor", "elevator"},
    {"elevador", "elevator"},
    {"autobus", "bus"},
    {"llegar", "get arrive"},
    {"ubicacion", "location"},
    {"oficina*", "office"},
    {"clinica", "clinic"},
    {"clinicas", "clinics"},
    {"sucursal", "office location"},
    // money and insurance
    {"cuesta", "cost"},
    {"cuestan", "cost"},
    {"costo", "cost"},
    {"costos", "costs"},
    {"precio", "price cost"},
    {"precios", "prices"},
    {"cobran", "charge fee"},
    {"cobrar", "charge fee"},
    {"cobro", "charge fee"},
    {"multa", "fee"},
    {"pagar", "pay"},
    {"pago", "payment pay"},
    {"pagos", "payments"},
    {"factura*", "bill statement"},
    {"cuenta", "bill balance"},
    {"saldo", "balance"},
    {"tarjeta*", "card"},
    {"credito", "credit"},
    {"debito", "debit"},
    {"efectivo", "cash"},
    {"seguro", "insurance"},
    {"seguros", "insurance"},
    {"aseguranza", "insurance"},
    {"deducible", "deductible"},
    {"copago", "copay"},
    {"gratuito", "free"},
    {"gratuita", "free"},
    {"descuento", "discount"},
    {"aceptan", "accept"},
    {"acepta", "accept"},
    // medicines
    {"receta*", "prescription"},
    {"resurt*", "refill"},
    {"rellenar", "refill"},
    {"renovar", "refill renew"},
    {"medicina", "medicine"},
    {"medicinas", "medicines"},
    {"medicamento*", "medication medicine"},
    {"pastilla*", "pills medicine"},
    {"farmacia*", "pharmacy"},
    {"antibiotico*", "antibiotics"},
    {"jarabe", "syrup"},
    {"crema", "cream"},
    {"pomada", "ointment"},
    // tests and records
    {"analisis", "tests lab"},
    {"laboratorio*", "lab"},
    {"sangre", "blood"},
    {"orina", "urine"},
    {"resultado*", "results"},
    {"ayunas", "fasting"},
    {"ayuno", "fasting"},
    {"prueba", "test"},
    {"pruebas", "tests"},
    {"examen", "exam"},
    {"examenes", "exams"},
    {"fisico", "physical"},
    {"radiografia*", "x-ray"},
    {"mamografia*", "mammogram"},
    {"papanicolaou", "pap test"},
    {"expediente*", "records"},
    {"historial", "records history"},
    {"copia", "copy"},
    {"privacidad", "privacy"},
    {"registro", "sign up"},
    {"registrarme", "sign up"},
    {"registrarse", "sign up"},
    {"inscribirme", "sign up"},
    {"inscribirse", "sign up"},
    {"contrasena", "password"},
    {"aplicacion", "app"},
    {"mensaje*", "message"},
    {"correo", "email"},
    {"videollamada", "video visit"},
    {"telemedicina", "video visit"},
    {"distancia", "video"},
    {"videoconsulta*", "video visit"},
    {"llamo", "call"},
    {"llamar", "call"},
    {"numero", "number phone"},
    {"telefono", "phone"},
    {"urgencia*", "urgent care"},
    {"urgente", "urgent"},
    {"emergencia*", "emergency"},
    {"deporte*", "sports"},
    {"deportivo", "sports"},
    {"escuela", "school"},
    // vaccines, children, women's health
    {"vacuna*", "vaccine shot"},
    {"inyeccion", "shot injection"},
    {"bebe", "baby"},
    {"bebes", "babies"},
    {"recien", "newborn"},
    {"nacido", "newborn"},
    {"nacio", "born newborn"},
    {"nacer", "born newborn"},
    {"hijo", "child"},
    {"hija", "child"},
    {"hijos", "children"},
    {"nino", "child"},
    {"nina", "child"},
    {"ninos", "children"},
    {"adolescente*", "teen"},
    {"embaraz*", "pregnancy pregnant"},
    {"anticonceptiv*", "birth control"},
    {"menopausia", "menopause"},
    {"mujer", "women"},
    {"mujeres", "women"},
    // symptoms and conditions
    {"sintoma*", "symptoms"},
    {"tratamiento*", "treatment"},
    {"dolor", "pain"},
    {"duele", "pain hurts"},
    {"garganta", "throat"},
    {"fiebre", "fever"},
    {"tos", "cough"},
    {"resfriado", "cold"},
    {"gripa", "flu cold"},
    {"piel", "skin"},
    {"seca", "dry"},
    {"reseca", "dry"},
    {"comezon", "itchy itching"},
    {"picazon", "itchy itching"},
    {"sarpullido", "rash"},
    {"acidez", "heartburn"},
    {"agruras", "heartburn"},
    {"estomago", "stomach"},
    {"estomacal", "stomach"},
    {"reflujo", "reflux"},
    {"cabeza", "head headache"},
    {"presion", "blood pressure"},
    {"azucar", "sugar"},
    {"oido*", "ear"},
    {"ojo", "eye"},
    {"ojos", "eyes"},
    {"pecho", "chest"},
    {"espalda", "back"},
    {"rodilla", "knee"},
    {"lunares", "moles"},
    {"verruga*", "warts"},
    {"puntada*", "stitches"},
    {"herida", "cut wound"},
    {"infeccion*", "infection"},
    {"senal", "sign"},
    {"senales", "signs"},
    {"signos", "signs"},
    {"colesterol", "cholesterol"},
    {"insulina", "insulin"},
    {"asma", "asthma"},
    {"alergia*", "allergy"},
    {"mareo*", "dizziness dizzy"},
    {"mareado", "dizzy"},
    {"mareada", "dizzy"},
    {"vomito", "vomiting"},
    {"vomitos", "vomiting"},
    {"vomitar", "vomiting"},
    {"diarrea", "diarrhea"},
    {"quemadura*", "burn"},
    {"hueso*", "bone"},
    {"fractura*", "fracture"},
    {"hinchado", "swollen"},
    {"hinchada", "swollen"},
    {"hinchazon", "swelling"},
    {"sangrado", "bleeding"},
    {"cansancio", "tired fatigue"},
    {"cansado", "tired"},
    {"cansada", "tired"},
    {"corazon", "heart"},
    {"pulmones", "lungs"},
    {"rinon", "kidney"},
    {"rinones", "kidneys"},
    {"higado", "liver"},
    {"chequeo", "checkup"},
    {"cirugia*", "surgery"},
    {"fisioterapia", "physical therapy"},
    {"terapia", "therapy"},
    {"cobraron", "charged"},
    {"cobrado", "charged"},
    {"cobraran", "charge"},
    {"borrar", "cancel delete"},
    {"borre", "cancel delete"},
    {"anular", "cancel"},
    {"anule*", "cancel"},
};

}  // namespace

std::string_view english_gloss_of_word(std::string_view word) {
  // Whole words by hash, then the few stems: this runs for every word the intent model reads.
  struct Index {
    std::unordered_map<std::string_view, std::string_view> words;
    std::vector<std::pair<std::string_view, std::string_view>> stems;
    Index() {
      for (const auto& g : kGlosses) {
        if (g.spanish.back() == '*')
          stems.emplace_back(g.spanish.substr(0, g.spanish.size() - 1), g.english);
        else
          words.emplace(g.spanish, g.english);
      }
    }
  };
  static const Index index;
  if (const auto it = index.words.find(word); it != index.words.end()) return it->second;
  for (const auto& [stem, english] : index.stems)
    if (word.substr(0, stem.size()) == stem) return english;
  return {};
}

std::string english_gloss(std::string_view text) {
  std::string out;
  std::vector<std::string_view> seen;
  for (const auto& w : fold_words(text)) {
    const auto g = english_gloss_of_word(w);
    if (g.empty() || std::find(seen.begin(), seen.end(), g) != seen.end()) continue;
    seen.push_back(g);
    if (!out.empty()) out += ' ';
    out += g;
  }
  return out;
}

std::string with_english_gloss(std::string_view text) {
  const auto gloss = english_gloss(text);
  std::string out(text);
  if (!gloss.empty()) out.append(" ").append(gloss);
  return out;
}

}  // namespace aurixa
