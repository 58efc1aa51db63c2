#include "simulate/templates.h"

#include <map>

namespace shaobing::simulate {

const std::vector<Template>& Templates() {
  static const std::vector<Template> kTemplates = {
      {"hazardous_chemicals",
       Site::kEnterprise,
       {"生产车间发生爆炸", "储罐区发生爆炸并引发火灾", "发生危险化学品泄漏", "反应釜发生爆炸"},
       {"爆炸事故", "危化品事故", "泄漏事故"},
       {"反应釜超温超压", "违规动火作业引燃可燃气体", "管道阀门老化破裂", "操作人员违反操作规程"},
       {"party_office", "emergency_management", "ecology_environment", "health", "public_security", "fire_rescue"},
       6,
       12,
       600,
       3},
      {"fire",
       Site::kCommunity,
       {"一居民楼发生火灾", "一住户家中起火", "地下车库发生火灾"},
       {"火灾", "居民楼火灾"},
       {"电动自行车在室内充电引发火灾", "电气线路短路引燃可燃物", "住户使用明火不慎"},
       {"party_office", "fire_rescue", "health", "public_security"},
       3,
       8,
       200,
       4},
      {"road_traffic",
       Site::kRoad,
       {"发生多车相撞交通事故", "一辆大客车侧翻", "一辆货车与小客车追尾相撞"},
       {"交通事故", "车辆相撞事故"},
       {"货车驾驶人疲劳驾驶", "车辆制动失效", "雨雪天气路面结冰车速过快"},
       {"party_office", "public_security", "health", "transport"},
       5,
       15,
       0,
       4},
      {"production_safety",
       Site::kMine,
       {"井下发生冒顶事故", "发生透水事故", "井下发生瓦斯爆炸"},
       {"煤矿事故", "生产安全事故"},
       {"顶板管理不到位", "探放水措施落实不到位", "通风系统不完善瓦斯积聚"},
       {"party_office", "emergency_management", "health", "public_security"},
       8,
       6,
       0,
       2},
      {"environmental",
       Site::kEnterprise,
       {"排污口废水超标排放致河道污染", "发生废水泄漏流入沟渠", "废气异常排放引发周边群众不适"},
       {"环境污染事件", "突发环境事件"},
       {"污水处理设施故障", "偷排未经处理的废水", "储池防渗层破损"},
       {"party_office", "ecology_environment", "emergency_management", "health"},
       0,
       20,
       300,
       2},
      {"food_safety",
       Site::kSchool,
       {"食堂发生疑似食物中毒", "部分学生餐后出现呕吐腹泻症状"},
       {"食物中毒事件", "疑似食物中毒"},
       {"食堂食材储存不当变质", "凉拌菜受沙门氏菌污染"},
       {"party_office", "health", "market_regulation", "public_security"},
       0,
       0,
       0,
       2},
      {"construction",
       Site::kSite,
       {"施工现场发生坍塌", "塔吊发生倒塌", "脚手架坍塌"},
       {"坍塌事故", "建筑施工事故"},
       {"基坑支护不到位", "违规拆除支撑", "塔吊超载作业"},
       {"party_office", "emergency_management", "housing_construction", "health"},
       4,
       6,
       0,
       2},
      {"flood_drought",
       Site::kVillage,
       {"遭遇强降雨引发山洪", "突发山洪冲毁部分房屋", "强降雨致河水漫堤"},
       {"山洪灾害", "洪涝灾害"},
       {"短时强降雨", "上游来水量突增"},
       {"party_office", "water_resources", "emergency_management", "health"},
       3,
       5,
       800,
       2},
      {"geological",
       Site::kVillage,
       {"发生山体滑坡", "发生崩塌灾害", "发生泥石流"},
       {"山体滑坡", "地质灾害"},
       {"连续降雨致山体松动", "坡体开挖导致失稳"},
       {"party_office", "natural_resources", "emergency_management"},
       2,
       3,
       150,
       1},
      {"mass_incident",
       Site::kEnterprise,
       {"部分务工人员聚集讨要工资", "部分群众聚集反映拆迁补偿问题"},
       {"群体性事件", "聚集事件"},
       {"企业拖欠工资", "补偿标准争议"},
       {"party_office", "public_security", "government_office"},
       0,
       0,
       0,
       2},
      {"public_facilities",
       Site::kMarket,
       {"发生燃气爆炸", "一餐馆发生燃气闪爆"},
       {"燃气爆炸事故", "燃气闪爆"},
       {"燃气管道老化泄漏", "液化气瓶违规存放"},
       {"party_office", "emergency_management", "health", "fire_rescue", "public_security"},
       3,
       10,
       100,
       2},
  };
  return kTemplates;
}

const std::vector<std::string>& Brands() {
  // Two characters from a pool of fifty: 2,450 names, so that two sites of one county rarely
  // share a name (as in life).
  static const std::vector<std::string> kBrands = [] {
    const std::vector<std::string> pool = {"瑞", "泰", "宝", "丰", "恒", "达", "金", "昌", "天", "元", "鑫", "源", "和",
                                           "永", "盛", "博", "远", "嘉", "禾", "润", "宏", "中", "昊", "华", "兴", "业",
                                           "荣", "信", "德", "胜", "宇", "明", "珠", "广", "厦", "银", "河", "长", "城",
                                           "凯", "利", "锦", "绣", "福", "新", "光", "东", "升", "青", "绿"};
    std::vector<std::string> out;
    for (const std::string& a : pool) {
      for (const std::string& c : pool) {
        if (a != c) out.push_back(a + c);
      }
    }
    return out;
  }();
  return kBrands;
}
const std::vector<std::string>& Industries() {
  static const std::vector<std::string> kIndustries = {"化工", "煤化", "新材料", "精细化工",
                                                       "化学", "能源", "冶金",   "制药"};
  return kIndustries;
}
const std::vector<std::string>& Roads() {
  static const std::vector<std::string> kRoads = {"京藏高速", "青银高速", "福银高速", "定武高速",
                                                  "银百高速", "G109国道", "S101省道"};
  return kRoads;
}
const std::vector<std::string>& Hospitals() {
  static const std::vector<std::string> kHospitals = {"人民医院", "中医医院", "第一人民医院"};
  return kHospitals;
}

std::string Confuse(const std::string& c, unsigned pick) {
  static const std::map<std::string, std::vector<std::string>> kLookAlikes = {
      {"瑞", {"端", "锐"}}, {"泰", {"秦", "太"}}, {"丰", {"风", "峰"}}, {"达", {"大", "打"}}, {"源", {"原", "园"}},
      {"盛", {"胜", "晟"}}, {"华", {"化", "花"}}, {"兴", {"星", "新"}}, {"宏", {"红", "洪"}}, {"金", {"今", "锦"}},
      {"德", {"得"}},       {"荣", {"容", "蓉"}}, {"博", {"搏"}},       {"嘉", {"佳", "家"}}, {"永", {"勇"}},
      {"恒", {"衡"}},       {"明", {"铭"}},       {"福", {"富"}},       {"光", {"广"}},       {"新", {"欣", "心"}},
      {"青", {"清"}},       {"绿", {"录"}},       {"区", {"曲"}},       {"县", {"线"}},       {"村", {"寸"}},
      {"镇", {"真"}}};
  auto it = kLookAlikes.find(c);
  if (it == kLookAlikes.end()) return c;
  return it->second[pick % it->second.size()];
}

}  // namespace shaobing::simulate
