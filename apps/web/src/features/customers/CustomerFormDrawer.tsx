/**
 * Create or edit a customer archive (客户档案): company, country and contacts first (what a rep
 * has after a trade show), then source, classification, credit, key account and notes. While the
 * rep types, possible duplicates are looked up (查重) and shown; if the server still refuses as a
 * duplicate, the matches are shown again and a lead may create it anyway with a reason.
 */
import {
  COMMON_CURRENCIES,
  type Customer,
  type DuplicateMatch,
  GRADES,
  parseAmount,
  suggestGrade,
} from "@tradewind/domain";
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { holds } from "../../app/access.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ErrorAlert } from "../../shared/ErrorAlert.tsx";
import { isStaleVersion, showFieldErrors } from "../../shared/errors.ts";
import { todayIso } from "../../shared/format.ts";
import { nameRules } from "../../shared/rules.ts";
import { useDebounced } from "../../shared/useDebounced.ts";
import { useSaveErrorHandler } from "../../shared/useSaveErrorHandler.ts";
import { useMe } from "../auth/auth.queries.ts";
import { useUserOptions } from "../users/users.queries.ts";
import { ContactsEditor } from "./ContactsEditor.tsx";
import {
  AUTO_GRADE,
  type CustomerFormValues,
  contactsOf,
  createInputOf,
  duplicateInputOf,
  fieldsOf,
  formFieldOf,
  formValuesOf,
  isWebsite,
} from "./customerForm.ts";
import {
  useCreateCustomer,
  useCustomerTags,
  useDuplicateCheck,
  useUpdateCustomer,
} from "./customers.queries.ts";
import { DuplicateConflict, DuplicateWarning } from "./DuplicateMatches.tsx";
import { customerTimeZone } from "./localTime.ts";
import {
  countryOptions,
  creditStatusOptions,
  dealStatusOptions,
  demandOptions,
  gradeLabel,
  importanceOptions,
  matchesCountry,
  sourceOptions,
} from "./vocabulary.ts";

interface Props {
  open: boolean;
  /** The customer to edit; undefined to create one. */
  customer?: Customer;
  onClose: () => void;
  onCreated?: (customer: Customer) => void;
  /** Fetch the customer again (after someone else changed it). */
  onReload?: () => void;
}

function timeZoneOptions() {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.map((zone) => ({ value: zone, label: zone }));
}

function duplicatesOf(error: unknown): DuplicateMatch[] | null {
  if (!isApiError(error, 409) || error.code !== "duplicate") return null;
  return error.rawDetails.filter(
    (item): item is DuplicateMatch =>
      typeof item === "object" && item !== null && "id" in item && "companyName" in item,
  );
}

export function CustomerFormDrawer({ open, customer, onClose, onCreated, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [form] = Form.useForm<CustomerFormValues>();
  const { data: me } = useMe();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const tags = useCustomerTags();
  const handleSaveError = useSaveErrorHandler();
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState("");
  const canAssign = holds(me, "customers.transfer");
  const users = useUserOptions(open);
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;
  const conflict = duplicatesOf(failure);

  // A fresh start each time the drawer opens. Not when a new version of the customer arrives:
  // saving itself refetches the customer, and resetting the mutation then would drop its
  // success callback (the drawer would stay open).
  // biome-ignore lint/correctness/useExhaustiveDependencies: mutations are stable; runs when the drawer opens
  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    setReason("");
  }, [open]);

  // Fill in the customer when the drawer opens or another version arrives (after "reload").
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is stable; customer is keyed by id and version
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(formValuesOf(customer, me?.id ?? ""));
  }, [open, customer?.id, customer?.version]);

  // The live duplicate check follows what is typed, 400 ms after the typing stops.
  const companyName = Form.useWatch("companyName", form);
  const localName = Form.useWatch("localName", form);
  const website = Form.useWatch("website", form);
  const contacts = Form.useWatch("contacts", form);
  const checkText = JSON.stringify(
    open
      ? duplicateInputOf({ companyName, localName, website, contacts: contacts ?? [] }, customer?.id)
      : null,
  );
  const settledCheck = useDebounced(checkText, 400);
  const duplicates = useDuplicateCheck(
    useMemo(() => JSON.parse(settledCheck) as ReturnType<typeof duplicateInputOf>, [settledCheck]),
  );
  const liveMatches = settledCheck === "null" ? [] : (duplicates.data?.items ?? []);

  // The grade the rules suggest for what is filled in now (R-GRADE-1), beside the grade picker.
  const demand = Form.useWatch("demand", form);
  const expectedCloseDate = Form.useWatch("expectedCloseDate", form);
  const country = Form.useWatch("country", form);
  const keyAccount = Form.useWatch("keyAccount", form);
  const suggested = demand
    ? suggestGrade(demand, expectedCloseDate?.format("YYYY-MM-DD") ?? null, todayIso())
    : null;

  const submit = (values: CustomerFormValues, force?: { reason: string }) => {
    if (customer) {
      update.mutate(
        {
          id: customer.id,
          version: customer.version,
          ...fieldsOf(values),
          contacts: contactsOf(values.contacts),
        },
        {
          onSuccess: () => {
            void message.success(t("customerForm.saved"));
            onClose();
          },
          onError: (error) =>
            handleSaveError(
              error,
              form,
              () => {
                update.reset();
                onReload?.();
              },
              formFieldOf,
            ),
        },
      );
      return;
    }
    create.mutate(
      { ...createInputOf(values), ...(force ? { force: true, duplicateReason: force.reason } : {}) },
      {
        onSuccess: (created) => {
          setReasonOpen(false);
          void message.success(t("customerForm.created", { name: created.companyName }));
          onCreated?.(created);
        },
        onError: (error) => {
          showFieldErrors(form, error, formFieldOf);
          if (!isApiError(error, 409)) setReasonOpen(false);
        },
      },
    );
  };

  const gradeChoices = [
    {
      value: AUTO_GRADE,
      label: suggested
        ? t("customerForm.gradeAutoWith", { grade: gradeLabel(t, suggested) })
        : t("customerForm.gradeAuto"),
    },
    ...GRADES.map((grade) => ({ value: grade, label: gradeLabel(t, grade) })),
  ];
  const defaultZone = country ? customerTimeZone({ timeZone: null, country }) : null;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={
        customer ? t("customerForm.editTitle", { name: customer.companyName }) : t("customerForm.createTitle")
      }
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="customer-form-submit"
          >
            {customer ? t("common.save") : t("customerForm.create")}
          </Button>
        </Space>
      }
    >
      {conflict ? (
        <DuplicateConflict
          matches={conflict}
          action={
            holds(me, "customers.createDuplicate") ? (
              <Button danger onClick={() => setReasonOpen(true)} data-testid="create-anyway">
                {t("duplicates.createAnyway")}
              </Button>
            ) : (
              <Typography.Text>{t("duplicates.askLead")}</Typography.Text>
            )
          }
        />
      ) : (
        failure && !isStaleVersion(failure) && <ErrorAlert error={failure} className="tw-form-alert" />
      )}
      {!conflict && <DuplicateWarning matches={liveMatches} />}
      <Form<CustomerFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => submit(values)}
        disabled={saving}
        initialValues={formValuesOf(customer, me?.id ?? "")}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="companyName"
              label={t("customerForm.companyName")}
              rules={nameRules(t, 300)}
              extra={t("customerForm.companyNameHint")}
            >
              <Input
                data-testid="customer-form-company"
                autoComplete="off"
                placeholder="ACME Trading Co., Ltd."
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="localName"
              label={t("customerForm.localName")}
              extra={t("customerForm.localNameHint")}
            >
              <Input data-testid="customer-form-local-name" autoComplete="off" maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="country"
              label={t("customerForm.country")}
              rules={[{ required: true, message: t("customerForm.countryRequired") }]}
            >
              <Select
                options={countryOptions(locale)}
                showSearch={{ filterOption: matchesCountry }}
                placeholder={t("customerForm.countryPlaceholder")}
                data-testid="customer-form-country"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="timeZone"
              label={t("customerForm.timeZone")}
              extra={defaultZone ? t("customerForm.timeZoneDefault", { zone: defaultZone }) : undefined}
            >
              <Select
                allowClear
                showSearch
                options={timeZoneOptions()}
                placeholder={defaultZone ?? t("customerForm.timeZonePlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="website"
              label={t("customerForm.website")}
              rules={[
                {
                  validator: (_rule, value: string | null | undefined) =>
                    !value?.trim() || isWebsite(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("customerForm.websiteInvalid"))),
                },
              ]}
            >
              <Input placeholder="www.company.com" maxLength={300} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industry" label={t("customerForm.industry")}>
              <Input placeholder={t("customerForm.industryPlaceholder")} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t("customerForm.address")}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("customerForm.contactsSection")}</Divider>
        <ContactsEditor form={form} />

        <Divider titlePlacement="start">{t("customerForm.classificationSection")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="dealStatus" label={t("customerForm.dealStatus")}>
              <Select options={dealStatusOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="demand" label={t("customerForm.demand")} extra={t("customerForm.demandHint")}>
              <Select options={demandOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="importance"
              label={t("customerForm.importance")}
              extra={t("customerForm.importanceHint")}
            >
              <Select allowClear options={importanceOptions(t)} placeholder={t("importance.none")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="expectedCloseDate"
              label={t("customerForm.expectedCloseDate")}
              extra={t("customerForm.expectedCloseDateHint")}
            >
              <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="grade"
              label={t("customerForm.grade")}
              extra={
                suggested
                  ? t("customerForm.suggestedGrade", { grade: gradeLabel(t, suggested) })
                  : t("customerForm.noSuggestion")
              }
            >
              <Select options={gradeChoices} data-testid="customer-form-grade" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nextActionDate" label={t("customerForm.nextActionDate")}>
              <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="nextAction" label={t("customerForm.nextAction")}>
              <Input placeholder={t("customerForm.nextActionPlaceholder")} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("customerForm.archiveSection")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="source" label={t("customerForm.source")}>
              <Select options={sourceOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="sourceDetail" label={t("customerForm.sourceDetail")}>
              <Input placeholder={t("customerForm.sourceDetailPlaceholder")} maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="tags" label={t("customerForm.tags")} extra={t("customerForm.tagsHint")}>
              <Select
                mode="tags"
                tokenSeparators={[",", "，"]}
                options={(tags.data?.items ?? []).map((tag) => ({ value: tag, label: tag }))}
                maxCount={30}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("customerForm.creditLimit")} required={false}>
              <Space.Compact style={{ width: "100%" }}>
                <Form.Item name="creditCurrency" noStyle>
                  <Select
                    style={{ width: 100 }}
                    options={COMMON_CURRENCIES.map((code) => ({ value: code, label: code }))}
                    showSearch
                  />
                </Form.Item>
                <Form.Item
                  name="creditAmount"
                  noStyle
                  dependencies={["creditCurrency"]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_rule, value: string | undefined) =>
                        !value?.trim() || parseAmount(value, getFieldValue("creditCurrency")) !== null
                          ? Promise.resolve()
                          : Promise.reject(new Error(t("customerForm.amountInvalid"))),
                    }),
                  ]}
                >
                  <Input placeholder="50,000.00" inputMode="decimal" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditStatus" label={t("customerForm.creditStatus")}>
              <Select options={creditStatusOptions(t)} />
            </Form.Item>
          </Col>
          {!customer && canAssign && (
            <Col xs={24} md={12}>
              <Form.Item name="ownerId" label={t("customerForm.owner")} extra={t("customerForm.ownerHint")}>
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  options={users.options.map((user) => ({ value: user.id, label: user.name }))}
                  loading={users.isPending}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="keyAccount"
              label={t("customerForm.keyAccount")}
              valuePropName="checked"
              extra={t("customerForm.keyAccountHint")}
            >
              <Switch />
            </Form.Item>
          </Col>
          {keyAccount && (
            <Col xs={24} md={12}>
              <Form.Item
                name="keyAccountOwnerId"
                label={t("customerForm.keyAccountOwner")}
                extra={t("customerForm.keyAccountOwnerHint")}
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  options={users.options.map((user) => ({ value: user.id, label: user.name }))}
                  loading={users.isPending}
                  placeholder={t("users.pickPerson")}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t("customerForm.notes")}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={5000}
                showCount
                placeholder={t("customerForm.notesPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Modal
        open={reasonOpen}
        title={t("duplicates.reasonTitle")}
        okText={t("duplicates.createAnyway")}
        okButtonProps={{ danger: true, disabled: !reason.trim(), "data-testid": "create-anyway-submit" }}
        cancelText={t("common.cancel")}
        confirmLoading={create.isPending}
        onCancel={() => setReasonOpen(false)}
        onOk={() => submit(form.getFieldsValue(true) as CustomerFormValues, { reason: reason.trim() })}
      >
        <Alert type="warning" showIcon title={t("duplicates.reasonHint")} className="tw-form-alert" />
        <Input.TextArea
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={500}
          autoSize={{ minRows: 3 }}
          placeholder={t("duplicates.reasonPlaceholder")}
          data-testid="duplicate-reason"
        />
      </Modal>
    </Drawer>
  );
}
