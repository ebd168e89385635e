/**
 * Word lists the privacy guard uses to tell names from ordinary capitalised words. All lower case.
 *
 * These are general-purpose lists (function words, calendar words, school vocabulary, subjects, places, public
 * figures that teachers routinely mention). They are not tuned to any evaluation line: a word is here because it
 * is commonly capitalised in teacher talk without being a private person's name.
 */

const words = (list: string): ReadonlySet<string> =>
  new Set(
    list
      .split(/\s+/)
      .map((w) => w.trim())
      .filter(Boolean),
  );

const lines = (list: string): readonly string[] =>
  list
    .split(/[\n,]/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);

/** Function words and sentence starters: never part of a name or a school name. */
export const FUNCTION_WORDS: ReadonlySet<string> = words(`
  i i'm i've i'll i'd im me my mine myself we we're we've our ours us you you're your yours he he's she she's it it's
  its they they're their them his her hers the a an and but or nor so if when whenever then than that this these those
  there here what whats what's who whom whose why how where which while whilst is are was were be been being am do does
  did done doing have has had having can could would should will shall may might must not no yes yeah yep yup nope ok
  okay oh ah ahh aw hmm um hi hey hiya hello morning evening afternoon thanks thank thankyou cheers please sorry just also
  still even only really very maybe perhaps honestly actually anyway anyways anyone anybody everyone everybody someone
  somebody nobody none all any some every each both either neither much many more most less least few other others another
  same such own new old good great bad best better worst first second third fourth fifth last next happy well now today
  tomorrow yesterday tonight soon later after before during since until till about above across again against along
  among around as at by for from in into of off on onto out over past through to toward towards under up upon with
  without within via per like unlike love hope wish feel feeling felt got get gets getting go goes going went gone come
  came coming said say says tell told ask asked let lets let's make made take took see saw seen look looking looks need
  needs want wants know knew think thought try tried keep kept remember note ps fyi re fwd dear regards kind warm
`);

/**
 * Place and title words that are not a person's name but can be part of a school name ("Sydney Grammar",
 * "North High", "St Mary's", "Queen's College").
 */
export const PLACE_WORDS: ReadonlySet<string> = words(`
  north south east west northern southern eastern western central upper lower greater royal saint st mount mt fort
  port cape lake river valley park springs bay island king queen prince princess lady lord sir dame bridge america
  american british britain england scotland scottish wales welsh ireland irish canada canadian australia australian
  zealand india indian china africa african europe european asia asian mexico mexican spain france germany italy
  japan korea london paris york sydney melbourne toronto chicago texas california florida ohio hill
  massachusetts pennsylvania michigan arizona colorado oregon illinois minnesota wisconsin kentucky tennessee louisiana
  alabama oklahoma kansas nebraska iowa utah nevada idaho montana wyoming maine vermont connecticut delaware maryland
  missouri arkansas mississippi alaska hawaii boston seattle atlanta brisbane perth auckland dublin belfast edinburgh
  glasgow cardiff manchester birmingham liverpool leeds
  dhabi lumpur kinabalu bahru penh singapore dubai doha riyadh jeddah muscat kuwait bahrain qatar nairobi mombasa lagos
  abuja accra kampala kigali harare lusaka johannesburg soweto durban pretoria karachi lahore islamabad mumbai delhi
  bengaluru bangalore chennai kolkata hyderabad manila cebu jakarta bangkok hanoi seoul tokyo beijing shanghai
`);

const OTHER_NOT_NAME_WORDS = words(`
  team folks guys gals friends friend colleagues colleague staff teacher teachers student students pupil pupils parent
  parents carer carers class classes year years grade grades kindergarten kinder reception nursery preschool prep form
  tutor term terms semester quarter unit units lesson lessons period periods week weeks weekend weekends day days night
  nights time times hour hours minute minutes monday tuesday wednesday thursday friday saturday sunday mon tue tues wed
  thu thur thurs fri sat sun january february march april may june july august september october november december jan
  feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter christmas xmas easter halloween
  thanksgiving diwali eid hanukkah ramadan passover lent advent holiday holidays vacation break half english maths math
  mathematics science sciences biology chemistry physics history geography art arts music drama dance pe computing
  french spanish german mandarin chinese latin italian japanese arabic urdu hindi korean religious religion education
  studies social economics psychology sociology literature language languages literacy numeracy reading writing
  phonics spelling grammar algebra geometry calculus statistics stats design technology business health citizenship
  civics government philosophy ethics theology special needs sen send senco ehcp iep inclusion pastoral safeguarding
  curriculum assessment assessments exam exams test tests quiz quizzes paper papers mock mocks report reports scheme
  schemes book books sheet sheets worksheet worksheets plan plans planning policy policies department dept faculty
  office board council committee union association federation trust academy school schools college colleges
  university uni elementary primary secondary middle high junior senior public private state states national
  international federal local county district region regional city town village street road avenue lane drive way
  park hall station line bridge square place court centre center library museum gallery theatre theater church
  cathedral chapel temple mosque synagogue hospital clinic river lake sea ocean bay island islands mountain mountains
  valley forest springs beach coast north south east west northern southern eastern western central upper lower
  greater little big royal saint st mount mt fort port cape king queen prince princess lord lady sir dame president
  prime minister secretary governor mayor senator captain officer sergeant general colonel doctor nurse inspector
  detective agent judge pope uncle aunt auntie grandma grandpa granny gran nana mum mom mummy mommy dad daddy
  sister brother baby boy boys girl girls man woman men women kid kids children child chapter chapters act acts scene
  scenes page pages part parts section module key stage stages level levels gcse gcses sat sats ib ap act aqa edexcel
  ocr wjec hsc vce ncea naplan ofsted head heads deputy assistant associate principal principals vice leader leaders
  lead manager director coordinator coach mentor consultant moderator admin support learning teaching training
  professional development wellbeing wellness mental stress workload behaviour behavior attendance detention
  detentions exclusion suspension homework marking feedback data progress target targets goal goals meeting meetings
  observation observations review inset cpd pd twilight staffroom google microsoft teams zoom classroom canvas seesaw
  kahoot quizlet padlet excel word powerpoint slides docs forms sheets chromebook chromebooks ipad ipads youtube netflix
  amazon apple tiktok instagram facebook twitter reddit pinterest linkedin chatgpt ai bible quran koran god jesus christ
  allah buddha black white red blue yellow orange purple pink grey gold silver bronze award awards prize cup club
  society group groups network project program programme initiative show musical play plays concert assembly sports
  games olympics world war wars revolution empire age ages era victorian victorians tudor tudors roman romans greek
  greeks egyptian egyptians viking vikings saxon saxons medieval civil rights movement law laws constitution
  declaration independence republic kingdom america american americans british britain england scotland scottish
  wales welsh ireland irish canada canadian australia australian zealand india indian china africa african europe
  european asia asian mexico mexican spain france germany italy japan korea london paris york sydney melbourne toronto
  chicago texas california florida ohio indigenous aboriginal native nations maori covid lockdown common core
  standards dfe neu nasuwt nea aft zone plus pro mini smart live online virtual remote hybrid digital open closed free
  extra super total final finals small short low top bottom front back left right full whole single double triple
  number numbers letter letters words sound sounds story stories poem poems poetry novel novels character characters
  theme themes essay essays text texts quote quotes notes question questions answer answers problem problems topic
  topics idea ideas tips tip help advice update updates reminder news info information resources resource link links
  video videos photo photos picture pictures slide hub space room rooms lab labs gym field playground canteen cafeteria
  lunch dinner breakfast break recess duty duties bus buses trip trips visit camp sport football soccer netball rugby
  cricket basketball hockey tennis swimming athletics choir band orchestra bake sale fair fete disco prom graduation
  induction interview interviews job jobs contract contracts pay salary pension strike strikes ballot
  everything nothing something anything whatever whoever wow wtf lol lmao omg god gosh ugh yay hooray congrats
  congratulations welcome goodbye bye night fine sure true false right wrong definitely absolutely totally literally
  basically seriously sadly luckily hopefully unfortunately fortunately personally generally usually normally
  sometimes often always never once twice again yet already almost nearly quite rather pretty fairly enough too
  because cause though although however therefore meanwhile otherwise instead besides plus minus equals
  frost rabbit bear pig fox wolf mouse owl duck goat lamb cat dog horse lion tiger dragon monster giant witch
  wizard fairy elf elves troll ghost angel devil santa claus tooth easter bunny
  reception receptionist bursar caretaker janitor custodian librarian counsellor counselor therapist psychologist
  ta tas lsa lsas sna slt smt hod hoy dsl iep
  administration academics academic operations admissions welfare discipline boarding finance
  reef ocean sea desert canyon rainforest volcano glacier
  irl lol tbh btw omg idk imo imho smh ngl fyi asap somehow anyway anyways though
  ako naman rin din lang kasi mga yung ang ng po siya talaga dahil magawa
  rang told came went got took gave sent wrote sat kept felt brought bought caught taught thought found lost threw broke
  spoke stole premium
  cover input work stuff equipment email message request invite complaint moderation paperwork chat gossip banter
  call lanyard poor
`);

/** Capitalised words that are not names: sentence starters, calendar, school vocabulary, subjects, places, titles. */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...OTHER_NOT_NAME_WORDS]);

/**
 * Given names in FIRST_NAMES that are also everyday words or places ("Mark Scheme", "Amber Green", "Grace Period",
 * "Victoria Station"): as the first of two words they only count when the second is a listed surname.
 */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = words(`
  amber april austin beverly bill bob bobby brooke carol charlotte christian crystal dale dawn dean eugene faith frank
  grace holly jack jean jordan joy lily mark madison robin rose ruby victoria virginia lawrence chase hope will may june
  penny ray sandy summer iris daisy violet pearl jade
`);

/**
 * Given names of many cultures that neither names.ts nor the generated names-world.ts has (compromise's lexicon is
 * thin on Irish, Welsh, Scottish, Māori, Pasifika, South African, Nigerian, Kenyan, South Asian, Korean, Ukrainian,
 * Romanian and Polish names), written for privacy round 5 (2026-12-06); Pakistani, Turkish, Romanian, Ukrainian,
 * Vietnamese, Korean, Chinese, Indonesian, Egyptian, Moroccan and Brazilian ones added in round 6; in round 12
 * (2026-12-07) more Indian, Australian, Pasifika, Kenyan, Nigerian, South African, Polish, Korean, Vietnamese, Irish,
 * Somali and Nordic ones, for names typed in lower case with no title. No everyday English
 * word (no "Jasmine", "Precious", "Tui", "Sari", "Hung") and none of the nicknames gen-names.mjs leaves out ("Sam",
 * "Liz", "Ollie").
 */
export const MORE_GIVEN_NAMES: ReadonlySet<string> = words(`
  ruairi ruairí cathal donal dónal colm thandeka thando sizwe nthabiseng zodwa mpho tumelo lwazi nnenna chidinma
  chinedu uche kelechi tobenna funmilayo folake segun dayo wanjiku muthoni
  brayden kayden jayden aidan caden hudson ezra theo finn archie alfie freddie reggie harvey jenson callum kieran
  declan cian oisin eoin ciaran niamh aoife saoirse siobhan caoimhe roisin róisín sinead sinéad orla ciara clodagh
  aisling grainne gráinne eimear mairead máiréad padraig pádraig seamus séamus darragh cillian ronan tadhg fionn
  imogen freya poppy evie phoebe esme matilda tilly millie maisie darcie lottie kiera keira kirsty tamsin cerys ffion
  eilidh morag ailsa catriona bethan rhian sian siân megan carys gwen ewan fraser hamish rhys gethin emrys iwan owain
  tomos dafydd wiremu tane hemi rawiri mikaere tamati hone nikau manaia ariki kahu rangi aroha anahera kiri hine
  mere pania ngaire marama sione siaosi tevita viliami semisi losana mele lupe fetu tavita priyanka ravinder
  harpreet gurpreet manpreet jaspreet navdeep sandeep pradeep deepak rajesh ramesh suresh mahesh ganesh dinesh anil
  sunil vijay ajay sanjay rahul rohit amit sumit ankit karan nikhil vikram vivek varun siddharth aditya ananya
  aishwarya divya kavya pooja neha sneha shreya meera lakshmi sunita geeta seema reema rekha shalini swati nisha
  riya diya ishaan aryan rehan imran zainab ayesha hina saima rabia farhan bilal usman hamza tariq faisal nomvula
  thandiwe thabo sipho bongani lindiwe zanele nokuthula lerato lebo lebohang kagiso tshepo palesa naledi ayanda
  andile sibusiso themba busisiwe ngozi chiamaka chidi chinonso chukwuemeka emeka ifeoma nkechi obinna uchenna
  adaeze adaora tunde femi funmi yetunde kemi olumide oluwaseun seun tobi tolu kwame kofi kwabena akosua abena yaw
  efua esi achieng wanjiru wambui njeri akinyi atieno halima aminata fatou moussa ousmane mamadou matías joaquín
  nicolás agustín tomás facundo thiago benjamín florencia milagros guadalupe rocío ximena hyun-woo ji-ho min-jun
  seo-yeon ji-woo ha-eun soo-jin eun-ji ji-ah min-seo yuna haruto yuto sota kenji hiroshi takeshi xiaoyu xiaoling
  oksana olena ihor taras mykola andriy dmytro bohdan vasile ioana mihai bogdan gheorghe nicolae dragan milica
  jelena katarzyna agnieszka małgorzata tomasz krzysztof piotr paweł grzegorz wojciech kacper jakub zofia rania
  layla yasmin khaled mahmoud youssef yousef mustafa hussein karim kareem rami ziad laila dalia maryam zahra
  shazia huda sana amna mehwish sadia nazia shabana rukhsana uzma asma bushra samina tahira fouzia humaira iqra aqsa
  mahnoor sidra zoya asif waqas adnan junaid kashif zubair irfan naveed javed saad umar usama zeeshan fahad arslan
  ahsan owais haris talha shoaib waseem nadeem saleem naeem raheel sohail kamran salman adeel rizwan imtiaz tahir
  sajid majid abid aamir yasir nasir wajid mostafa merve esra büşra busra kübra kubra tuğba tugba özlem ozlem derya
  sibel hülya hulya burcu ebru selin ecem irem cansu melike emre burak murat serkan volkan hakan kemal oğuz oguz
  cengiz barış baris onur tolga uğur ugur kaan arda eren furkan tuncay ilker serdar orhan andreea ionuț mădălina
  madalina raluca oana florin cătălin catalin răzvan razvan ștefan sorin cosmin ciprian ovidiu lucian doina
  iulia ecaterina svetlana oleksiy oleksii serhiy serhii yurii vitaliy maksym denys kateryna nataliya tetiana
  tetyana iryna yuliia anastasiia viktoriia halyna lesia solomiia mariia olha linh huong hương trang thao thảo ngoc
  ngọc phuong phương hanh hạnh nhung quynh quỳnh tuan tuấn duc đức hùng dũng thanh khoa phuc phúc hieu hiếu quang
  thắng huy khanh ji-hoon seo-jun do-yun ye-jin hye-jin su-bin min-ji ji-min jae-won sung-min dong-hyun hyun-jin
  ji-hye eun-young jun-ho jianguo xiaoming xiaohong xiaoli jianhua weiwei yanyan haoran zihan yuxuan zixuan yichen
  jiayi xinyi yuting dewi putri wulan fitri agus budi joko wahyu rizki dimas bayu fajar hendra yudi amr mohab hesham
  hisham sherif ashraf wael yasser amal nour noura heba rasha hadeer soufiane anass ayoub ghizlane loubna hajar
  oumaima joão vinícius vinicius caio luana letícia rafaela thaís thais
  wei jing hui lei xin jie qing tao yan yue ming hua xiu ravi anh olu thulani kwaku kojo yemi bisi amaka aminu
  hauwa musa ade jumoke tendai tatenda farai rutendo chipo tinashe kudzai nyasha vikas pranav ishita tanvi aarti
  alok ashok gopal venkat srinivas murali arun
  deepika shivani anjali pallavi preeti priya pritika ritu ruchi sakshi shruti smita sonali swapna tanya vandana
  varsha yamini jyoti kiran madhuri nandini padma radhika rashmi savita sushma usha vidya archana aparna bhavna
  chitra deepa gayatri hema indira jaya kamala kavita lalita malini manisha mohini neelam nirmala poonam rajni
  sangeeta shanti shobha sudha sujata suman sunanda tara uma veena harish girish jagdish kailash mukesh naresh
  prakash rakesh ritesh sachin santosh satish shyam umesh yogesh abhishek akshay anand arjun ashwin chetan gaurav
  kunal manish mohit nitin pankaj pranav rajiv rohan sameer saurabh shashank tarun vinay vishal lachlan angus fergus
  hamish lachie mitchell brodie jarrah kirra tahlia shae jaxon bodhi harlow jessamyn rosalind imelda bernadette
  philippa henrietta georgina florence wilhelmina cressida ottoline persephone siosaia sione tevita ofa salote mele
  losaline filipo iosefa malakai semisi tomasi viliami sefo fetu taulapapa malia sina tavita kiri tama tane hemi
  wiremu rawiri hohepa mereana ngaio awhina wairimu wanjiku nyokabi njoki nyambura wangari chinwe chioma ngozi
  obiageli nneka ifeoma adaku adanna folasade olufunke olamide temitope babatunde olusegun oluwaseun chidubem
  chukwudi ikenna nnamdi obinna okechukwu uchenna ebuka kelechi amaka chiamaka thandeka nomsa nokuthula zanele zinhle
  sibongile buhle lungile nonhlanhla mbali siyabonga bheki mandla magdalena agata barbara dorota ewa halina iwona
  jadwiga joanna justyna kinga marta monika renata urszula zuzanna bartosz dawid janusz jerzy kamil karol łukasz
  lukasz marcin mariusz michał michal radosław rafał seo-yeon ji-woo min-jun ha-eun do-yun ji-hoon ye-jin su-ah
  soo-ah ji-yeon hye-won eun-seo ji-an seo-ah hoang thi hoa thuy tuyet vy quoc minh khanh bao siobhán sorcha máire
  nuala úna bríd brid deirbhile gráinne fionnuala muireann síofra caitríona ailbhe mícheál tadhg diarmuid donnacha
  ruairí cormac feidhlim oisín pádraig salma amira yasmin nadia samira farida rashida zainab habiba latifa khadija
  fatuma halima asha abdi abdullahi abdirahman mohamed ahmed ismail yusuf farah jens lars anders henrik magnus nils
  olaf sven bjorn björn erik kristian soren søren astrid ingrid sigrid solveig liv maja freja elin
`);

/**
 * Surnames of the countries privacy round 6 (2026-12-06) was written for that names-world.ts lacks (round 12 added
 * Kenyan, Nigerian, Irish, Tamil, Tongan, Polish and Norwegian ones): Chinese,
 * Vietnamese and Korean surnames as romanised, Pakistani, Egyptian and Moroccan, Moldovan, Ukrainian, Indonesian and
 * Brazilian ones. No everyday English word among them ("Dang", "Gill", "Song", "Park" left out).
 */
export const MORE_SURNAMES: ReadonlySet<string> = words(`
  ng vo ly wang xu zheng liang xie deng cao peng zeng jiang yuan cai cui zhong shen yao qian lin bui vu nguyễn trần lê phạm
  hoàng huỳnh võ đặng bùi đỗ ngô dương kang yoon jang hwang ahn jeon cho iqbal qureshi siddiqui raza rana shah awan
  abbasi hashmi bhatti cheema gondal rajput mirza baig chaudhary chaudhri mostafa mansour el-sayed abdelrahman
  hassan ibrahim hamdy fathy saleh shehata benali alaoui idrissi tazi fassi bennani el-amrani berrada chraibi lahlou
  ouazzani cojocaru rotaru bivol țurcanu turcanu moraru shevchenko kovalenko bondarenko tkachenko kravchenko
  polishchuk savchenko lysenko rudenko marchenko santoso wijaya hidayat kurniawan setiawan pratama saputra gunawan
  susanto wibowo hartono purnomo nugroho souza nascimento andrade machado freitas soares vieira araújo cavalcanti
  li wu gao cheng jia xue xia liao zou xiong qiu qin hou shao meng duan yang lim teo goh koh yeo ong
  tran pham hoang huynh ngo duong ramasamy ramaswamy krishnamurthy subramaniam subramanian pillai iyer iyengar nair
  menon naidu reddy gounder chettiar murugan palaniappan
  kamau mwangi otieno odhiambo ochieng kipchoge chebet kiprop korir wafula wekesa njoroge kariuki warsame
  okafor okonkwo adeyemi adebayo okoro nwosu ogunleye balogun olawale oyelaran nnadi chukwu obiora ezeh
  hennessy gallagher brennan mcgrath o'sullivan sullivan fitzgerald dunne kavanagh lynch moriarty
  raghunathan ramanathan venkatesan krishnan gopalan natarajan sundaram balasubramanian chandrasekhar
  fifita tuilagi tupou vaipulu faleafa havili fonua taufa latu mahe tonga
  wiśniewska wisniewska wiśniewski wisniewski wójcik wojcik kamińska kaminska lewandowska zielińska zielinska
  bjornstad bjørnstad haugen johansen halvorsen lindqvist andersson nyberg
`);

/** Surnames in SURNAMES that are also common words ("Town Hall", "Lion King", "Forever Young", "Lime Green"). */
export const AMBIGUOUS_SURNAMES: ReadonlySet<string> = words(`
  bell baker brooks brown butler carter cole cook cooper cox ford foster gray green griffin hall hill king long
  miller murray parker price reed rose ward white wood young turner fisher hayes walker sanders
`);

/** Particles inside surnames ("van der Berg", "de la Cruz", "bin Rashid"). */
export const NAME_PARTICLES: ReadonlySet<string> = words(
  `van von der den de da das dos del della di du la le bin binti al el ibn ap`,
);

/**
 * Well-known people and fictional characters teachers routinely mention (authors on reading lists, historical figures,
 * scientists, education researchers, public figures, book characters), and a few brands and places abroad that read
 * as a given name and a surname ("Tim Tams", "Abu Dhabi"). The privacy guard does not flag these as a private person's
 * name. A deployment can extend the list through `allowNames`.
 */
export const PUBLIC_FIGURES: readonly string[] = lines(`
  william shakespeare, charles dickens, jane austen, george orwell, john steinbeck, harper lee, mark twain,
  emily bronte, charlotte bronte, anne bronte, mary shelley, robert frost, maya angelou, toni morrison, roald dahl,
  michael morpurgo, julia donaldson, jacqueline wilson, david walliams, eric carle, judy blume, beverly cleary,
  jeff kinney, rick riordan, lewis carroll, philip pullman, neil gaiman, kate dicamillo, lois lowry, john green,
  suzanne collins, arthur miller, tennessee williams, j k rowling, jk rowling, agatha christie, arthur conan doyle,
  robert louis stevenson, oscar wilde, virginia woolf, emily dickinson, edgar allan poe, f scott fitzgerald,
  scott fitzgerald, ernest hemingway, william golding, j b priestley, jb priestley, john keats, william wordsworth,
  william blake, percy shelley, lord byron, carol ann duffy, simon armitage, seamus heaney, ted hughes, sylvia plath,
  langston hughes, walt whitman, christina rossetti, wilfred owen, rupert brooke, siegfried sassoon, john agard,
  benjamin zephaniah, michael rosen, shel silverstein, anthony browne, oliver jeffers, mo willems, dav pilkey,
  chris van allsburg, jon klassen, beatrix potter, enid blyton, c s lewis, cs lewis, j r r tolkien, jrr tolkien,
  madeleine l'engle, louis sachar, r j palacio, rj palacio, kwame alexander, jason reynolds, angie thomas,
  malorie blackman, patrick ness, anthony horowitz, cressida cowell, david almond, frank cottrell boyce,
  katherine rundell, liz pichon, tom fletcher, chinua achebe, george eliot, thomas hardy, geoffrey chaucer,
  john milton, homer, harriet beecher stowe, louisa may alcott, laura ingalls wilder, l m montgomery, lucy maud montgomery,
  e b white, eb white, kate chopin, zora neale hurston, ray bradbury, aldous huxley, margaret atwood, kazuo ishiguro,
  markus zusak, john boyne, anne frank, elie wiesel, khaled hosseini, james joyce,
  abraham lincoln, george washington, thomas jefferson, john adams, benjamin franklin, alexander hamilton,
  andrew jackson, theodore roosevelt, franklin roosevelt, eleanor roosevelt, john f kennedy, john kennedy,
  martin luther king, martin luther, rosa parks, harriet tubman, frederick douglass, ruby bridges, malcolm x,
  susan b anthony, elizabeth cady stanton, sojourner truth, booker t washington, cesar chavez, nelson mandela,
  mahatma gandhi, winston churchill, queen victoria, queen elizabeth, henry viii, anne boleyn, catherine howard,
  catherine parr, jane seymour, elizabeth fry, florence nightingale, mary seacole, edith cavell, emmeline pankhurst,
  emily davison, grace darling, guy fawkes, oliver cromwell, isambard kingdom brunel, walter tull, captain cook,
  james cook, christopher columbus, neil armstrong, buzz aldrin, sally ride, mae jemison, katherine johnson,
  dorothy vaughan, mary jackson, amelia earhart, tim peake, helen keller, anne sullivan, jane goodall,
  david attenborough, steve irwin, greta thunberg, malala yousafzai, mary anning, ada lovelace, alan turing,
  grace hopper, isaac newton, albert einstein, marie curie, pierre curie, charles darwin, galileo galilei,
  stephen hawking, rosalind franklin, thomas edison, nikola tesla, alexander graham bell, louis pasteur,
  michael faraday, richard feynman, carl sagan, neil degrasse tyson, bill nye, james watson, francis crick,
  gregor mendel, edward jenner, alexander fleming, dmitri mendeleev, ernest rutherford, niels bohr, john dalton,
  robert hooke, johannes kepler, nicolaus copernicus, leonardo da vinci, pablo picasso, vincent van gogh, frida kahlo,
  claude monet, andy warhol, georgia o'keeffe, banksy, henri matisse, wassily kandinsky, keith haring,
  ludwig van beethoven, wolfgang amadeus mozart, johann sebastian bach, lin-manuel miranda, william wilberforce,
  henry ford, the wright brothers, orville wright, wilbur wright, julius caesar, cleopatra, tutankhamun,
  alexander the great, joan of arc, karl marx, adolf hitler, joseph stalin, benito mussolini, mao zedong,
  vladimir putin, barack obama, michelle obama, joe biden, donald trump, kamala harris, hillary clinton, bill clinton,
  george bush, ronald reagan, richard nixon, jimmy carter, boris johnson, rishi sunak, keir starmer, theresa may,
  margaret thatcher, tony blair, gordon brown, david cameron, liz truss, justin trudeau, jacinda ardern,
  anthony albanese, scott morrison, julia gillard, kevin rudd, emmanuel macron, angela merkel, king charles,
  prince william, prince harry, taylor swift, beyonce, elon musk, bill gates, steve jobs, mark zuckerberg,
  jeff bezos, oprah winfrey, marcus rashford, serena williams, venus williams, simone biles, lionel messi,
  cristiano ronaldo, michael jordan, lebron james, usain bolt, jesse owens, muhammad ali, jackie robinson,
  emma raducanu, andy murray, tom brady, david beckham, harry kane, tom hanks, emma watson, daniel radcliffe,
  rupert grint, morgan freeman, meryl streep, denzel washington, will smith, dwayne johnson, walt disney,
  jim henson, fred rogers, bob ross, dolly parton, michael jackson, elvis presley, john lennon, paul mccartney,
  freddie mercury, bob marley, ed sheeran, adele, billie eilish, harry styles, stephen king, dan brown,
  j d salinger, jd salinger, carol dweck, john hattie, doug lemov, dylan wiliam, daisy christodoulou, tom bennett,
  tom sherrington, barak rosenshine, paul dix, ken robinson, maria montessori, lev vygotsky, jean piaget,
  benjamin bloom, howard gardner, john dewey, paulo freire, ron berger, kylene beers, jo boaler, ross greene,
  rita pierson, jim knight, lucy calkins, angela duckworth, daniel willingham, john sweller, brene brown,
  mary myatt, alex quigley, peps mccrea, adam boxer, jon hutchinson, hattie, daniel goleman, abraham maslow,
  b f skinner, bf skinner, ivan pavlov, sigmund freud, carl jung, jerome bruner, albert bandura, lee canter,
  harry potter, hermione granger, ron weasley, albus dumbledore, severus snape, draco malfoy, percy jackson,
  charlie brown, charlie bucket, willy wonka, james henry trotter, peter pan, peter rabbit, winnie the pooh,
  christopher robin, alice liddell, jane eyre, oliver twist, tom sawyer, huckleberry finn, atticus finch,
  scout finch, jem finch, boo radley, tom robinson, bob ewell, mayella ewell, holden caulfield, jay gatsby,
  daisy buchanan, nick carraway, george milton, lennie small, curley's wife, sherlock holmes, john watson,
  ebenezer scrooge, bob cratchit, tiny tim, jacob marley, sheila birling, eric birling, gerald croft, eva smith,
  arthur birling, sybil birling, inspector goole, willy loman, katniss everdeen, peeta mellark, greg heffley,
  matilda wormwood, jennifer honey, agatha trunchbull, ralph, jack merridew, piggy, simon, winston smith,
  charlie gordon, ponyboy curtis, johnny cade, anne shirley, laura ingalls, bilbo baggins, frodo baggins,
  lucy pevensie, edmund pevensie, romeo montague, juliet capulet, lady macbeth, tom buchanan, elizabeth bennet,
  fitzwilliam darcy, mr darcy, jekyll and hyde, henry jekyll, edward hyde, victor frankenstein, macbeth, hamlet,
  othello, paddington bear, stanley yelnats, auggie pullman, august pullman, wilbur, charlotte, fern arable,
  james and the giant peach, the very hungry caterpillar, captain underpants, george beard, harold hutchins,
  tracy beaker, horrid henry, mr men, peppa pig, bluey, spongebob, mickey mouse, bugs bunny, charlie and lola,
  indiana jones, bridget jones, luke skywalker, darth vader, peter parker, tony stark, bruce wayne, clark kent,
  diana prince, steve rogers, bruce banner, natasha romanoff, jack frost, father christmas, santa claus
  gordon ramsay, jamie oliver, mary berry, david suzuki, rachel carson, cathy freeman, ian thorpe, dylan alcott,
  lee kuan yew, gabriel garcía márquez, gabriel garcia marquez, isabel allende, pablo neruda, jorge luis borges,
  chimamanda ngozi adichie, wole soyinka, ngugi wa thiong'o, ngũgĩ wa thiong'o, kofi annan, wangari maathai,
  desmond tutu, haile selassie, kwame nkrumah, julius nyerere, rabindranath tagore, abdul kalam, apj abdul kalam,
  a p j abdul kalam, sarojini naidu, savitribai phule, jawaharlal nehru, indira gandhi, mother teresa,
  naguib mahfouz, mahmoud darwish, kahlil gibran, ibn sina, ibn battuta, ibn khaldun, simón bolívar, simon bolivar,
  che guevara, eva perón, eva peron, lech wałęsa, lech walesa, yuri gagarin, valentina tereshkova, leo tolstoy,
  fyodor dostoevsky, anton chekhov, alexander pushkin, taras shevchenko, mihai eminescu, ion creangă, ion creanga,
  bernie sanders, nancy pelosi, alexandria ocasio-cortez, ron desantis, gavin newsom, nicola sturgeon, humza yousaf,
  leo varadkar, chris hipkins, christopher luxon, peter dutton, narendra modi, imran khan, cyril ramaphosa,
  volodymyr zelensky, lula da silva, javier milei, claudia sheinbaum, black lives matter, homer simpson, bart simpson,
  marge simpson, lisa simpson, osama bin laden, saddam hussein, muammar gaddafi, recep tayyip erdoğan, recep erdogan,
  xi jinping, mao zedong, deng xiaoping, ho chi minh, kim jong un, kim jong-un, kim il sung, park chung hee,
  ban ki-moon, mustafa kemal atatürk, kemal atatürk, orhan pamuk, nazım hikmet, elif shafak, gamal abdel nasser,
  anwar sadat, hosni mubarak, abdel fattah el-sisi, muhammad ali jinnah, allama iqbal, muhammad iqbal,
  benazir bhutto, zulfikar ali bhutto, malala yousafzai, abdul sattar edhi, nusrat fateh ali khan, joko widodo,
  ra kartini, jair bolsonaro, paulo freire, mohamed salah, mo salah,
  achraf hakimi, son heung-min, ibn rushd, simon sinek, robin williams, john proctor, abigail williams,
  elizabeth proctor, mary warren, eddie carbone, beatrice carbone, willy loman, blanche dubois, stanley kowalski,
  jack merridew, tom robinson, mayella ewell, bob ewell, arthur birling, gerald croft, eva smith, mickey johnstone,
  eddie lyons, victor frankenstein, jonathan harker, dorian gray, catherine earnshaw, pip pirrip,
  joe wicks, jill biden, miguel cardona, randi weingarten, gillian keegan, bridget phillipson, amanda spielman,
  martyn oliver, john mccrae, tom gates, tom daley, chris whitty, brian cox, ted lasso, roy kent,
  jose rizal, josé rizal, andres bonifacio, andrés bonifacio, apolinario mabini, emilio aguinaldo, lapu-lapu,
  manny pacquiao, ferdinand marcos, bongbong marcos, rodrigo duterte, corazon aquino, ninoy aquino, mary kom,
  nikhat zareen, neeraj chopra, pv sindhu, p v sindhu, sachin tendulkar, virat kohli, ms dhoni, kalpana chawla,
  swami vivekananda, bhagat singh, subhas chandra bose, jawaharlal nehru, indira gandhi, sardar patel,
  obafemi awolowo, nnamdi azikiwe, funmilayo ransome-kuti, fela kuti, bola tinubu, muhammadu buhari,
  ngozi okonjo-iweala, steve biko, winnie mandela, miriam makeba, thabo mbeki, jacob zuma, julius malema, siya kolisi,
  caster semenya, trevor noah, mia thermopolis,
  tim tam, tim tams, abu dhabi, kuala lumpur, kota kinabalu, johor bahru, phnom penh, ho chi minh, dar es salaam,
  addis ababa, port harcourt, benin city, ras al khaimah,
  conor mcgregor, katie taylor, kellie harrington, rhasidat adeleke, sonia o'sullivan, roy keane, rory mcilroy,
  shane lowry, johnny sexton, paul o'connell, brian o'driscoll, bukayo saka, jude bellingham, marcus rashford,
  raheem sterling, harry kane, declan rice, phil foden, mo farah, jessica ennis, kelly holmes, dina asher-smith,
  katarina johnson-thompson, tyson fury, anthony joshua, nicola adams, lily allen, kate bush, amy winehouse,
  lewis capaldi, niall horan, hozier, dermot kennedy, olivia rodrigo, dua lipa, sabrina carpenter, chappell roan,
  wizkid, burna boy, davido, tems, ayra starr, tyla, black coffee, chinua achebe, wole soyinka, ngugi wa thiong'o,
  chimamanda ngozi adichie, ken saro-wiwa, wangari maathai, eliud kipchoge, david rudisha, faith kipyegon,
  orhan pamuk, seamus heaney, wb yeats, w b yeats, james joyce, oscar wilde, sally rooney, roddy doyle,
  haruki murakami, hayao miyazaki, akira kurosawa, yayoi kusama, yoko ono, ben okri, buchi emecheta, nadine gordimer,
  mario vargas llosa, paulo coelho, diego rivera, octavio paz, arundhati roy, salman rushdie, vikram seth,
  r k narayan, ruskin bond, amitav ghosh, jhumpa lahiri, lu xun, mo yan, ai weiwei, yo-yo ma, lang lang,
  bong joon-ho, didier drogba, sadio mane, naomi osaka, nawal el saadawi, amos oz, olga tokarczuk,
  wislawa szymborska, astrid lindgren, tove jansson, hans christian andersen, selma lagerlof, roberto bolano,
  gabriela mistral, tsitsi dangarembga, yaa gyasi, bernardine evaristo, zadie smith, andrea levy,
  michael scott, dwight schrute, jim halpert, pam beesly, leslie knope, ron swanson, david brent, gareth keenan,
  jake peralta, raymond holt, ted mosby, barney stinson, phil dunphy,
`);

/**
 * Honorific + surname pairs that are famous or fictional ("Dr. Seuss", "Miss Honey", "Mr. Birling"). Ordinary
 * surnames stay flagged after an honorific even when a book uses them (Animal Farm's "Mr Jones" is flagged).
 */
export const PUBLIC_HONORIFIC_NAMES: ReadonlySet<string> = new Set(
  lines(`
  dr seuss, mr darcy, miss honey, miss trunchbull, mr twit, mrs twit, mrs dalloway, dr jekyll, mr hyde, dr who,
  mr bean, mr rogers, miss havisham, mr gradgrind, mr birling, mrs birling, mr utterson, dr frankenstein,
  mrs doubtfire, miss marple, mr bennet, mrs bennet, mr wormwood, mrs wormwood, mr wonka, mr fox, mrs fox,
  mr tumnus, mr scrooge, mr fezziwig, mr cratchit, mrs cratchit, mr marley, mr banks, mrs banks, mr holmes,
  dr watson, dr dolittle, dr king, mr potato, mr tickle, mr happy, mr greedy, mr bump, mr strong, mr messy,
  mr bounce, mr lazy, mr nosey, mr grumpy, mr silly, mr noisy, mr chatterbox, mr tumble, mr magoo, mr miyagi,
  mr keating, mr holland, mr feeny, ms frizzle, miss frizzle, professor mcgonagall, professor dumbledore,
  professor snape, professor lupin, professor x, mr incredible, mr freeze, professor plum, miss scarlett,
  colonel mustard, mrs peacock, mr stink, mr beast, mr fantastic, mr right, mr pilkington, mr whymper,
  mr frederick, mr gum, mrs armitage, mr majeika, mr tiger, mrs honey, mr wolf, mr stubbs, mrs hubbard,
  dr martens, mr kipling, miss piggy, mrs brown, mr brown, mr bucket, mrs bucket, mr toad, mr badger, mr mole,
  mr ratty, mr tod, mrs tiggy-winkle, mr mcgregor, mrs mcgregor, mr jeremy fisher, mrs rabbit, mr benn,
  mr blobby, dr hook, dr pepper, dr strange, dr evil, dr no, dr octopus, dr doom, professor branestawm,
  coach beard, professor oak, ms rachel, miss rumphius, miss nelson, dr ranj, principal skinner, mr popper,
  mrs dash, mr ratburn, ms darbus, mr schuester, coach carter,
  mrs weasley, mr weasley, mrs danvers, mr dursley, mrs dursley, professor umbridge, professor trelawney,
  professor slughorn, professor flitwick, professor quirrell, professor sprout, mr micawber, mr jaggers,
  mr pumblechook, mr bumble, mr brownlow, mrs sowerberry, mr rochester, mrs rochester, mr mybug, ms trunchbull
  `).map((n) => n.replace(/\./g, '')),
);
