// Only the Element Plus components the app uses, imported one by one so the bundle stays small
// (the package's barrel pulls in every component).
import { ElAlert } from 'element-plus/es/components/alert/index.mjs';
import { ElButton } from 'element-plus/es/components/button/index.mjs';
import { ElCheckbox, ElCheckboxGroup } from 'element-plus/es/components/checkbox/index.mjs';
import { ElCollapse, ElCollapseItem } from 'element-plus/es/components/collapse/index.mjs';
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
import { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
import { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
import { ElInput } from 'element-plus/es/components/input/index.mjs';
import { ElRadio, ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
import { ElOption, ElOptionGroup, ElSelect } from 'element-plus/es/components/select/index.mjs';
import { ElSkeleton } from 'element-plus/es/components/skeleton/index.mjs';
import { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
import { ElTag } from 'element-plus/es/components/tag/index.mjs';

// Their styles, each with what it depends on.
import 'element-plus/es/components/alert/style/css.mjs';
import 'element-plus/es/components/button/style/css.mjs';
import 'element-plus/es/components/checkbox/style/css.mjs';
import 'element-plus/es/components/checkbox-group/style/css.mjs';
import 'element-plus/es/components/collapse/style/css.mjs';
import 'element-plus/es/components/collapse-item/style/css.mjs';
import 'element-plus/es/components/config-provider/style/css.mjs';
import 'element-plus/es/components/dialog/style/css.mjs';
import 'element-plus/es/components/empty/style/css.mjs';
import 'element-plus/es/components/form/style/css.mjs';
import 'element-plus/es/components/form-item/style/css.mjs';
import 'element-plus/es/components/input/style/css.mjs';
import 'element-plus/es/components/radio-button/style/css.mjs';
import 'element-plus/es/components/radio-group/style/css.mjs';
import 'element-plus/es/components/radio/style/css.mjs';
import 'element-plus/es/components/select/style/css.mjs';
import 'element-plus/es/components/option/style/css.mjs';
import 'element-plus/es/components/option-group/style/css.mjs';
import 'element-plus/es/components/skeleton/style/css.mjs';
import 'element-plus/es/components/skeleton-item/style/css.mjs';
import 'element-plus/es/components/switch/style/css.mjs';
import 'element-plus/es/components/tag/style/css.mjs';

const components = [
  ElAlert, ElButton, ElCheckbox, ElCheckboxGroup, ElCollapse, ElCollapseItem, ElConfigProvider, ElDialog, ElEmpty,
  ElForm, ElFormItem, ElInput, ElOption, ElOptionGroup, ElRadio, ElRadioButton, ElRadioGroup, ElSelect, ElSkeleton, ElSwitch, ElTag,
];

// Registered by name: app.use() of a child component (ElOption, ElRadioButton …) is a no-op in
// Element Plus, which installs children only through their parent.
export function installElement(app) {
  for (const c of components) app.component(c.name, c);
}
