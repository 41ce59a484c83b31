// Given-name gazetteer for PERSON detection without an NER model. A capitalised known given name
// followed by a capitalised word is read as a person ("Gwen Adler"); context words ("my name is",
// "my husband", "patient") allow names that are not in the list. The list mixes common US, Hispanic,
// South Asian, East Asian, Arabic, African and European given names; it is general, not fitted to data.
#include <string_view>
#include <vector>

#include "roles/safety/pii.hpp"

namespace aurixa::safety {
namespace {

constexpr const char* kGivenNames =
    // US / English (female)
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra "
    "ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura "
    "cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra "
    "rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren "
    "christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison "
    "frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly "
    "isabella theresa diana natalie brittany charlotte marie kayla alexis lori tammy gwen mildred edith harriet "
    "ivy nora noelle dana denise theresa abby abbie agnes alberta alexandra alicia alison allison alma amelia "
    "annie april audrey ava barb beatrice becky bernice bertha beth bethany bonnie brianna bridget brooke "
    "camila candace carla carmen carrie cassandra cecilia chelsea chloe claire clara claudia colleen connie "
    "constance courtney crystal daisy darlene dawn della delores dolores dora edna eileen elaine eleanor elena "
    "ella ellen eloise elsie emilia erica erin esther ethel eva faith felicia fiona florence gabriella gail "
    "genevieve georgia geraldine gina ginger gladys greta gwendolyn haley harper hazel heidi hilda holly hope "
    "ida imogen irene iris isabel jackie jade jane janelle janie jasmine jeanette jeanne jenna jenny jill joanna "
    "jocelyn johanna josephine joy juanita julia juliana june kara kari kate katie kathy kay kendra kerry kristen "
    "kristin kristina krystal lacey leah leila lena leslie lila lillian lily lindsay lindsey lois lorraine louise "
    "lucia lucille lucy luna lydia lynn mabel mackenzie mae maggie mandy marcia margie marian marianne marjorie "
    "marlene marsha mattie maureen maxine maya meghan melanie melinda mia miranda miriam molly monica muriel "
    "myrtle nadia naomi natasha nellie nina norma olga opal paige paula pauline pearl peggy penelope phyllis "
    "priscilla quinn rita roberta robin rosa rosalind rose rosemary roxanne ruby sabrina sally savannah scarlett "
    "selena serena shannon sheila shelby shelley sherry sierra simone sonia sophie stacy stella sue summer "
    "susanna sylvia tabitha tamara tanya tara tina tonya tracy trisha valerie vanessa vera veronica vicki viola "
    "violet vivian wanda wendy whitney willa wilma yolanda yvonne zoe zoey "
    // US / English (male)
    "james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony "
    "mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan "
    "jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander "
    "frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah "
    "ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan "
    "jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent philip bobby johnny "
    "bradley roy ralph louis clarence leon wes wesley bill tom tim jim mike dave dan steve rob bob chris matt "
    "andy tony ben sam greg alex nick jon nate hank doug zach pete abe al alfred allen alvin andre angelo archie "
    "barry bernard bert blake brad brendan brett brody bryce buddy byron calvin cameron carlos carter cecil "
    "chad chase chester clark claude clay clayton clifford clint clyde cody cole colin connor cooper craig curtis "
    "dale dallas damian damon darius darrell darren dean derek desmond devin dewey dominic don donnie dustin "
    "dwayne dwight earl ed eddie edgar edwin eli elias elijah elliot elmer emmett ernest ernie everett felix "
    "floyd forrest francis franklin fred freddie frederick garrett gavin gene gilbert glen glenn gordon grady "
    "grant grayson gus hayden hector herbert herman homer howard hudson hugh hunter ian irving isaac isaiah ivan "
    "jackson jaden jake jared jasper jay jeff jeremiah jerome jimmy joel jonah judd julian julius karl keith "
    "kelvin ken kent kirk kurt lance lane lee leo leonard leroy lester levi lewis liam lincoln lloyd lonnie "
    "lowell lucas luke lyle malcolm marc marcus marion marshall martin marvin mason maurice max maxwell melvin "
    "micah miles milton mitchell morris nathaniel neil nelson norman oliver omar orville oscar otis owen parker "
    "perry phil preston quentin randall randy ray reed reggie reginald rex rick ricky riley rodney roland ronnie "
    "ross ruben rudy rufus russ sammy seth shane shawn sheldon sidney silas simon spencer stanley stuart ted "
    "terrence theo theodore toby todd travis trent trevor troy tucker vernon victor wade wallace warren wayne "
    "wendell wilbur willard wyatt xavier zane "
    // Hispanic / Portuguese
    "jorge luis juan carlos miguel alejandro javier diego fernando ricardo eduardo roberto pedro manuel rafael "
    "sergio andres pablo francisco antonio raul enrique oscar mario ramon hector arturo alberto alfredo armando "
    "cesar ernesto esteban felipe gerardo guillermo gustavo ignacio jaime joaquin julio lorenzo marco mateo "
    "nicolas octavio orlando rodrigo salvador santiago tomas vicente adriana alejandra ana beatriz carolina "
    "catalina daniela elena esperanza fernanda gabriela graciela guadalupe ines isabela jimena juana leticia "
    "lorena lucia luisa luz margarita mariana marisol mercedes monserrat natalia paola patricia pilar raquel "
    "rocio rosa rosario sofia valentina ximena yesenia elena consuelo dolores marta veronica alma araceli "
    "blanca brenda celia elisa estela eva francisca irma josefina lourdes maribel norma olivia silvia teresa "
    "joao paulo thiago gabriel rafaela bruna camila larissa leticia "
    // South Asian
    "arjun ravi raj rahul amit anil sanjay vijay suresh ramesh rajesh deepak ashok vikram arun ajay anand "
    "rohan karan nikhil sunil manoj prakash pradeep rakesh sandeep sachin varun vivek aditya akash ankit "
    "harish kiran krishna mohan naveen pankaj ravindra satish shankar siddharth srinivas venkat vinod yash "
    "priya anjali deepa divya kavya lakshmi meera neha pooja radha rekha sunita swati anita asha geeta kavita "
    "madhu nisha padma rani sapna shreya usha aarav aditi ananya isha ishaan kabir riya saanvi tanvi zara "
    "imran farhan sameer salman aamir "
    // East / Southeast Asian
    "wei ming li jun hui ying xiao mei lin jing yan hong chen hao yu jie kai feng lei tao yong zhen "
    "hiroshi takeshi kenji yuki haruto yuto sota akira satoshi kazuki yumi sakura yui aiko keiko naoko "
    "emi hana mai minh anh linh tuan duc huong thanh trang ngoc hoa quang "
    "jiwoo minjun seojun hyun jisoo minji seoyeon jiyeon eunji sora "
    // Arabic / Persian / Turkish
    "mohammed muhammad mohamed ahmed ahmad ali omar hassan hussein ibrahim yusuf youssef khalid karim tariq "
    "mustafa mahmoud amir reza hamid samir nabil rashid faisal bilal zaid fatima aisha layla leila mariam "
    "noor yasmin zainab amina hana rania salma sara dina huda laila farah nadia mehmet ahmet emre elif zeynep "
    // African
    "kwame kofi kwasi yaw ama akosua abena chinedu chukwuemeka emeka ifeanyi ngozi chioma adaeze amara "
    "oluwaseun olumide tunde babajide folake funmilayo tendai tatenda thabo sipho themba zanele nomvula "
    "amani baraka juma neema zuri jabari imani ayodele adebayo "
    // European
    "hans klaus jurgen stefan wolfgang dieter helmut uwe sven lars anders nils erik henrik magnus bjorn "
    "ingrid astrid freya sigrid karin greta heike ursula petra sabine katrin francois pierre jean jacques "
    "philippe antoine luc mathieu sebastien camille chloe manon amelie elodie giuseppe giovanni luca marco "
    "matteo alessandro francesca giulia chiara alessia federica ivan dmitri sergei alexei nikolai vladimir "
    "olga tatiana svetlana anastasia natalia irina katya piotr pawel krzysztof tomasz agnieszka katarzyna "
    "malgorzata ewa anja ana milan marek jan jana lucie tereza sean liam aoife siobhan niamh ciaran declan "
    "finn rory fergus hamish moira morag callum ewan ailsa eilidh";

}  // namespace

const std::vector<std::string_view>& given_name_list() {
  static const std::vector<std::string_view> k = [] {
    std::vector<std::string_view> v;
    std::string_view all(kGivenNames);
    std::size_t i = 0;
    while (i < all.size()) {
      while (i < all.size() && all[i] == ' ') ++i;
      std::size_t j = i;
      while (j < all.size() && all[j] != ' ') ++j;
      if (j > i) v.push_back(all.substr(i, j - i));
      i = j;
    }
    return v;
  }();
  return k;
}

bool is_known_first_name(std::string_view lower) {
  for (auto n : given_name_list())
    if (n == lower) return true;
  return false;
}

}  // namespace aurixa::safety
